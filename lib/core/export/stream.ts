// An async generator of text as a pull-based ReadableStream: the generator is asked
// for the next chunk only when the consumer wants more, so a slow client slows the database reads
// instead of filling memory, and a client that goes away (cancel) stops them via generator.return().

/** Text is encoded as UTF-8; bytes (jsonl read by COPY) pass through as they are. */
export function generatorStream(gen: AsyncGenerator<string | Uint8Array, void, undefined>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const { value, done } = await gen.next();
          if (done) return controller.close();
          if (value.length) return controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
        }
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await gen.return(undefined);
    },
  });
}

// pglite-socket (0.2.x) queues wire-protocol messages one by one and, outside a transaction, takes
// the next message from whichever connection sent one. PGlite has a single session, so an extended-
// protocol query of one connection (Parse, Bind, Describe, Execute, Sync) can be split by another's:
// the second Parse replaces the unnamed statement and the first connection binds the wrong query
// ("bind message supplies 4 parameters, but prepared statement "" requires 3", "portal "" does not
// exist"). Any two concurrent queries — a server's pool, a test seeding while the server reads — hit
// it. This keeps the session with one connection from its first extended-protocol message to its Sync,
// as it already does for the length of a transaction.
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface Item {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}
interface Queue {
  queue: Item[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData(d: Uint8Array): void }): Promise<unknown> };
  processQueue(): Promise<void>;
  clearQueueForHandler(id: number): void;
}

// Parse, Bind, Describe, Execute, Close, Flush: a sequence that only its Sync (or an error) ends.
const MID_SEQUENCE = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

export function serialiseExtendedProtocol(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: Queue }).queryQueue;
  let owner: number | null = null;

  q.processQueue = async function processQueue(this: Queue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const sticky = owner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = sticky === null ? 0 : this.queue.findIndex((e) => e.handlerId === sticky);
        if (index === -1) break; // the owner's next message has not arrived yet
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (d) => {
                bytes += d.length;
                item.onData(d);
              },
            }),
          );
        } catch (err) {
          owner = null;
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        owner = MID_SEQUENCE.has(item.message[0]) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(q);

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (id: number) => {
    clear(id);
    // A connection that left mid-sequence must not hold the session.
    if (owner === id) owner = null;
    setImmediate(() => void q.processQueue());
  };
}

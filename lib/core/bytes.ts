// Byte helpers shared by server and browser code (no Node Buffer: the dashboard's bundle uses it too).

/** The chunks as one array of `length` bytes (the sum of their lengths). */
export function concatBytes(chunks: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

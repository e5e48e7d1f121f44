// Tests only: COPY's binary output (PostgreSQL's docs, "COPY", Binary Format) of one text column with
// these values, as PostgreSQL writes it, so the readers can be fed any cut of it.
export function binaryCopy(values: string[], opts: { nullRow?: boolean; extension?: number } = {}): Buffer {
  const extension = opts.extension ?? 0;
  const head = Buffer.alloc(19 + extension);
  Buffer.from("PGCOPY\n\xff\r\n\0", "latin1").copy(head);
  head.writeInt32BE(0, 11); // flags
  head.writeInt32BE(extension, 15);
  const rows = values.map((v) => {
    const bytes = Buffer.from(v, "utf8");
    const row = Buffer.alloc(6);
    row.writeInt16BE(1, 0);
    row.writeInt32BE(bytes.length, 2);
    return Buffer.concat([row, bytes]);
  });
  if (opts.nullRow) rows.push(Buffer.from([0, 1, 0xff, 0xff, 0xff, 0xff]));
  return Buffer.concat([head, ...rows, Buffer.from([0xff, 0xff])]);
}

// dedupe=true across a whole bulk job, with memory flat: the keys of the examples written so far live
// in export_job_seen, not in the process. Per page: the page's rows are read (a page is bounded), the
// keys of the examples they would become are computed, the ones already written in earlier pages are
// looked up in one query, and the page is formatted by a finisher that knows exactly those. The keys the
// page adds are saved in the same statement as its checkpoint (saveCheckpoint), so a resumed job
// knows what it wrote up to its checkpoint, and nothing after it.
import type { Db } from "../db";
import { ExampleFinisher } from "../export/finetune/finish-example";
import type { Transcript } from "../export/finetune/transcript";
import { emptyTally, formatterFor, type Tally } from "../export/formatters";
import type { RowChunk } from "../export/row-source";
import type { ExportQuery } from "../filters";

/** A finisher that writes nothing and only notes the key of each example a page would write. */
class KeyCollector extends ExampleFinisher {
  readonly keys = new Set<string>();

  finish(t: Transcript) {
    const key = this.keyOf(t);
    if (key !== undefined) this.keys.add(key);
    return { skip: "duplicate" as const, detail: "" };
  }
}

/** The finisher for one page of a dedupe job, and the keys it knew before writing (to tell what it adds). */
export async function pageFinisher(db: Db, jobId: string, q: ExportQuery, chunks: RowChunk[], tally: Tally): Promise<{ finisher: ExampleFinisher; known: Set<string> }> {
  const collector = new KeyCollector({ fineTune: q.fineTune, redactions: q.redact ? {} : undefined });
  const fmt = formatterFor(q, emptyTally(q), collector);
  const scratch = emptyTally(q);
  for (const chunk of chunks) {
    if ("units" in chunk) fmt.units!(chunk.units, scratch);
    else if ("lines" in chunk) fmt.chunk(chunk.lines, scratch);
    else if ("bytes" in chunk) fmt.bytes!(chunk.bytes, chunk.rows, scratch); // the COPY source's records
  }
  const keys = [...collector.keys];
  const rows = keys.length
    ? await db.query<{ key: string }>(`SELECT key FROM export_job_seen WHERE job_id = $1 AND key = ANY($2::text[])`, [jobId, keys])
    : [];
  const known = new Set(rows.map((r) => r.key));
  const finisher = new ExampleFinisher({ fineTune: q.fineTune, redactions: tally.redactions, written: new Set(known) });
  return { finisher, known };
}

/** The keys a page's finisher wrote that were not known before it. */
export function addedKeys(finisher: ExampleFinisher, known: Set<string>): string[] {
  return [...finisher.written].filter((k) => !known.has(k));
}

// The row source of unit=trace|session (docs/export.md "Whole conversations"): the page's units
// found by walking the matching spans (unit-walk.ts), then their generations read batch by batch
// (unit-rows.ts), so memory holds one batch of units at a time. `limit` counts units, each becoming
// one example or one skip; the cursor is the newest matching span of the page's last unit.
import { cursorAfter, keyCursor, type RowKey } from "../page-keys";
import { keysetChunkSizes, type Ctx, type RowSource, type UnitRow } from "../row-source";
import { readUnitRows } from "./unit-rows";
import { walkUnits, type WalkedUnit } from "./unit-walk";

/** Spans walked per unit wanted, until the walk has measured it. */
const SPANS_PER_UNIT = 4;
const MIN_WALK = 64;
const MAX_WALK = 50_000;

/** A unit's identity: the trace, the session, or (for a trace without a session) the trace, apart. */
function unitId(u: WalkedUnit, bySession: boolean): string {
  if (!bySession) return u.key.trace_id;
  // NUL never occurs in PostgreSQL text, so this never equals a session id.
  return u.session ?? `\u0000${u.key.trace_id}`;
}

export function unitSource({ db, appId, q, cutoff }: Ctx): RowSource {
  const unit = q.fineTune.unit === "session" ? "session" : "trace";
  const bySession = unit === "session";
  const batches = keysetChunkSizes(q.limit);
  let next: string | null = null;
  let read = 0;
  return {
    chunksPlanned: batches.length,
    chunksRead: () => read,
    nextCursor: () => next,
    async *chunks() {
      const found: WalkedUnit[] = [];
      const seen = new Set<string>();
      let after = q.cursor;
      let exhausted = false;
      let spansPerUnit = SPANS_PER_UNIT;
      let emitted = 0;
      let last: RowKey | undefined;
      /** The next batch of `size` units: walked, and its generations' read started (not awaited). */
      const nextBatch = async (size: number): Promise<{ batch: WalkedUnit[]; rows: Promise<UnitRow[][]> } | undefined> => {
        // Walk until this batch and one unit more (is there a next page?) are known, or no span is left.
        const wanted = Math.min(q.limit + 1, emitted + size + 1);
        while (!exhausted && found.length < wanted) {
          const spans = Math.min(MAX_WALK, Math.max(MIN_WALK, Math.ceil((wanted - found.length) * spansPerUnit * 1.25)));
          const chunk = await walkUnits(db, appId, q, cutoff, after, spans);
          let fresh = 0;
          for (const u of chunk.units) {
            const id = unitId(u, bySession);
            if (seen.has(id)) continue;
            seen.add(id);
            found.push(u);
            fresh++;
          }
          if (chunk.walked < spans || !chunk.last) exhausted = true;
          else after = keyCursor(chunk.last);
          if (fresh > 0) spansPerUnit = Math.max(1, chunk.walked / fresh);
          else spansPerUnit = Math.min(spansPerUnit * 4, MAX_WALK);
        }
        const batch = found.slice(emitted, Math.min(emitted + size, q.limit));
        if (batch.length === 0) return undefined;
        emitted += batch.length;
        const ids = batch.filter((u) => !bySession || u.session !== null).map((u) => (bySession ? u.session! : u.key.trace_id));
        const rows = readUnitRows(db, appId, unit, ids);
        rows.catch(() => {}); // awaited below; never an unhandled rejection if the body stops first
        return { batch, rows };
      };
      // One batch ahead: the next batch is walked and read while the current one is merged and written
      // (PostgreSQL's time overlapped with JavaScript's; docs/performance.md "Tenth round"). Memory holds
      // at most two batches.
      let ahead: ReturnType<typeof nextBatch> | undefined = nextBatch(batches[0]);
      try {
        for (let i = 0; ahead; i++) {
          const current = await ahead;
          ahead = undefined;
          if (!current) break;
          const rows = await current.rows;
          read++;
          if (i + 1 < batches.length && emitted < q.limit) {
            ahead = nextBatch(batches[i + 1]);
            ahead.catch(() => {});
          }
          let at = 0;
          const units = current.batch.map((u) => (bySession && u.session === null ? { rows: [], skip: "no_session" as const } : { rows: rows[at++] }));
          last = current.batch[current.batch.length - 1].key;
          yield { units, last };
        }
      } finally {
        // Stopped early (the client went away): let the batch read ahead finish before the page ends.
        await ahead?.then((b) => b?.rows).catch(() => {});
      }
      next = found.length > emitted && last ? cursorAfter(last) : null;
    },
  };
}

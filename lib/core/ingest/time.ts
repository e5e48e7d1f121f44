// OTLP timestamps are uint64 nanoseconds since the epoch, as a string or a number. A JS number holds
// only 53 bits, so nanoseconds are never read into one; the database keeps microseconds
// (timestamptz(6)), so nanoseconds are truncated to microseconds here and every derived figure uses
// the truncated value. Microseconds since the epoch fit a JS number exactly until the year 2255, so
// they are a number then (ingest converts every span's times: BigInt arithmetic was ~10 % of mapping a
// batch), and a BigInt only beyond, where exactness still matters.

// The field is a fixed64: anything larger was not produced by an OTLP encoder. 0 means "unset".
const MAX_UINT64 = 18_446_744_073_709_551_615n;

/** Microseconds since the epoch: a number when it is a safe integer (every real timestamp), else a BigInt. */
export type Micros = number | bigint;

/** Nanoseconds → microseconds since the epoch, or undefined when absent, zero or not a valid uint64. */
export function nanosToMicros(raw: string | number | null | undefined): Micros | undefined {
  if (raw == null) return undefined;
  let micros: Micros;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw < 0) return undefined;
    const nanos = Math.trunc(raw);
    // Integer arithmetic only: nanos / 1000 as a float can round up to the next microsecond.
    micros = Number.isSafeInteger(nanos) ? (nanos - (nanos % 1000)) / 1000 : BigInt(nanos) / 1000n;
  } else {
    const text = raw.trim();
    if (!/^\d{1,20}$/.test(text)) return undefined;
    // Up to 19 digits the value is below 2^64; the digits but the last three are the microseconds.
    const fast = text.length <= 19 ? Number(text.slice(0, -3) || "0") : NaN;
    if (Number.isSafeInteger(fast)) micros = fast;
    else {
      const nanos = BigInt(text);
      if (nanos > MAX_UINT64) return undefined;
      micros = nanos / 1000n;
    }
  }
  return micros > 0 ? micros : undefined;
}

const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** The last second formatted, `…T12:00:00.`: a batch's spans mostly start and end within a few seconds. */
let cachedSecond = NaN;
let cachedPrefix = "";

/** Microseconds since the epoch → ISO 8601 with six fractional digits (a JS Date would keep three). */
export function microsToIso(micros: Micros): string {
  if (typeof micros === "number" && Number.isSafeInteger(micros) && micros >= 0) {
    // Formatting a Date was ~1 ms of mapping a 512-span batch (two or three times per span); the
    // digits of the second are the same for most of a batch's spans, so only the fraction is new.
    const fraction = micros % 1_000_000;
    const second = (micros - fraction) / 1_000_000;
    if (second !== cachedSecond) {
      cachedPrefix = new Date(second * 1000).toISOString().slice(0, -4);
      cachedSecond = second;
    }
    return `${cachedPrefix}${String(1_000_000 + fraction).slice(1)}Z`;
  }
  const rest = typeof micros === "number" ? micros % 1000 : Number(micros % 1000n);
  const ms = typeof micros === "number" ? (micros - rest) / 1000 : Number(micros / 1000n);
  const iso = new Date(ms).toISOString(); // …T12:00:00.123Z
  return `${iso.slice(0, -1)}${pad3(rest)}Z`;
}

/** Milliseconds between two microsecond instants, with microsecond precision. */
export function latencyMs(startMicros: Micros, endMicros: Micros): number {
  if (typeof startMicros === "number" && typeof endMicros === "number") return (endMicros - startMicros) / 1000;
  return Number(BigInt(endMicros) - BigInt(startMicros)) / 1000;
}

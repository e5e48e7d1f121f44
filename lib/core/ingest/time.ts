// OTLP timestamps are uint64 nanoseconds since the epoch, as a string or a number. A JS number holds
// only 53 bits, so the arithmetic is BigInt; the database keeps microseconds (timestamptz(6)), so
// nanoseconds are truncated to microseconds here and every derived figure uses the truncated value.

// The field is a fixed64: anything larger was not produced by an OTLP encoder. 0 means "unset".
const MAX_UINT64 = 18_446_744_073_709_551_615n;

/** Nanoseconds → microseconds since the epoch, or undefined when absent, zero or not a valid uint64. */
export function nanosToMicros(raw: string | number | null | undefined): bigint | undefined {
  if (raw == null) return undefined;
  let nanos: bigint;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw < 0) return undefined;
    nanos = BigInt(Math.trunc(raw));
  } else {
    const text = raw.trim();
    if (!/^\d{1,20}$/.test(text)) return undefined;
    nanos = BigInt(text);
  }
  if (nanos > MAX_UINT64) return undefined;
  const micros = nanos / 1000n;
  if (micros <= 0n) return undefined;
  return micros;
}

/** Microseconds since the epoch → ISO 8601 with six fractional digits (a JS Date would keep three). */
export function microsToIso(micros: bigint): string {
  const ms = micros / 1000n;
  const rest = micros % 1000n;
  const iso = new Date(Number(ms)).toISOString(); // …T12:00:00.123Z
  return `${iso.slice(0, -1)}${rest.toString().padStart(3, "0")}Z`;
}

/** Milliseconds between two microsecond instants, with microsecond precision. */
export function latencyMs(startMicros: bigint, endMicros: bigint): number {
  return Number(endMicros - startMicros) / 1000;
}

/**
 * Timestamps to Unix nanoseconds (bigint, exact), shared by the readers.
 *
 * Only unambiguous or conventional shapes are accepted; anything else is `undefined`, never a guess
 * (`Date.parse` is not used: it turns strings such as "1" or "May 3" into dates). Accepted:
 * - ISO 8601 / RFC 3339: `2021-06-04`, `2021-06-04T16:00:37Z`, `2021-06-04 16:00:37,123`,
 *   `2021-06-04T16:00:37.123456789+02:00`, also `/` as the date separator (`2024/01/30 16:17:40`).
 * - US exports: `6/4/2021, 4:00:37.371 PM`, `11/4/2020 21:11` (month first; day first only when the
 *   first number cannot be a month).
 * - Epoch numbers, unit by magnitude of the integer part: < 1e11 seconds, < 1e14 ms, < 1e17 µs,
 *   < 1e20 ns. Values below 1e8 (before March 1973) are rejected: small numbers in fields called
 *   `time` are durations or counters far more often than 1970s dates.
 * A time without a zone is read in `zone` (UTC unless the caller passes another, see civil-time.ts).
 * Times inside free text (syslog stamps, `[Sun Dec 04 04:47:44 2005]`, ...) are text-time.ts's concern.
 */
import { civilToNs, NS_PER_MS, UTC, zoneOffsetMinutes, type TimeZoneRule } from './civil-time.js';

const ISO_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

const US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AaPp][Mm])?$/;

const EPOCH_RE = /^(\d{1,20})(?:\.(\d+))?$/;

/** Any accepted shape (see the module comment) to ns, else undefined. */
export function parseTimestampNs(value: string | number | bigint, zone: TimeZoneRule = UTC): bigint | undefined {
  if (typeof value === 'bigint') return epochToNs(value.toString(), '');
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    // String(n) keeps every digit up to 1e21; exponent forms are rejected by EPOCH_RE.
    return parseEpochNs(String(value));
  }
  const s = value.trim();
  if (s.length < 6 || s.length > 64) return undefined;
  const first = s.charCodeAt(0);
  if (first < 48 || first > 57) return undefined;
  return parseIsoNs(s, zone) ?? parseUsNs(s, zone) ?? parseEpochNs(s);
}

export function parseIsoNs(s: string, zone: TimeZoneRule = UTC): bigint | undefined {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, offset] = m;
  return civilToNs(+y, +mo, +d, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0, frac, zoneOffsetMinutes(offset), zone);
}

export function parseUsNs(s: string, zone: TimeZoneRule = UTC): bigint | undefined {
  const m = US_RE.exec(s);
  if (!m) return undefined;
  const [, a, b, y, h, mi, sec, frac, ampm] = m;
  let month = +a;
  let day = +b;
  if (month > 12 && day <= 12) [month, day] = [day, month];
  let hour = +h;
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = ampm[0] === 'P' || ampm[0] === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return civilToNs(+y, month, day, hour, +mi, sec ? +sec : 0, frac, undefined, zone);
}

export function parseEpochNs(s: string): bigint | undefined {
  const m = EPOCH_RE.exec(s);
  return m ? epochToNs(m[1], m[2] ?? '') : undefined;
}

function epochToNs(intDigits: string, fracDigits: string): bigint | undefined {
  const whole = BigInt(intDigits);
  let digitsToNs: number;
  if (whole < 100_000_000n) return undefined;
  else if (whole < 100_000_000_000n) {
    digitsToNs = 9;
  } // seconds
  else if (whole < 100_000_000_000_000n) {
    digitsToNs = 6;
  } // milliseconds
  else if (whole < 100_000_000_000_000_000n) {
    digitsToNs = 3;
  } // microseconds
  else if (whole < 100_000_000_000_000_000_000n) {
    digitsToNs = 0;
  } // nanoseconds
  else return undefined;
  const scale = 10n ** BigInt(digitsToNs);
  const frac = fracDigits.slice(0, digitsToNs).padEnd(digitsToNs, '0');
  return whole * scale + (frac ? BigInt(frac) : 0n);
}

/** ns to an ISO string with nanoseconds, for messages and tests. */
export function formatNs(ns: bigint): string {
  const ms = Number(ns / NS_PER_MS);
  const iso = new Date(ms).toISOString(); // ...SS.mmmZ
  const subMs = (ns % NS_PER_MS).toString().padStart(6, '0');
  return `${iso.slice(0, -1)}${subMs}Z`;
}

/**
 * Calendar fields to Unix nanoseconds, and the zone a time without an offset is read in.
 *
 * Every time parser of the events stage ends here, so that impossible dates (Feb 30, month 13, 25:00)
 * are rejected in one place and a time without an offset is always read in the same zone: UTC unless
 * the caller names another (`--time-zone`). An offset written in the text always wins over that zone.
 */
import { InputError } from './event.js';

export const NS_PER_MS = 1_000_000n;

/** The zone that wall-clock times without an offset are read in. */
export interface TimeZoneRule {
  /** As given: `UTC`, `+05:30`, `Europe/Berlin`. */
  readonly name: string;
  /** Minutes east of UTC in force at a wall-clock time (given as if it were UTC, in ms). */
  offsetMinutesAt(wallMs: number): number;
}

export const UTC: TimeZoneRule = { name: 'UTC', offsetMinutesAt: () => 0 };

const FIXED_OFFSET_RE = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;

/**
 * `UTC` (also `Z`, `GMT`), a fixed offset (`+02:00`, `-0530`, `UTC+1`), or an IANA zone name
 * (`Europe/Berlin`, daylight saving time included). Anything else is an InputError naming the value.
 */
export function parseTimeZone(value: string): TimeZoneRule {
  const name = value.trim();
  if (/^(?:utc|gmt|z)$/i.test(name)) return UTC;
  const fixed = FIXED_OFFSET_RE.exec(name);
  if (fixed) {
    const minutes = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
    if (Math.abs(minutes) > 14 * 60) throw new InputError(`time zone offset ${value} is beyond ±14:00`);
    return { name, offsetMinutesAt: () => minutes };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new InputError(`unknown time zone ${JSON.stringify(value)}: expected UTC, an offset such as +02:00, or an IANA name such as Europe/Berlin`);
  }
  return ianaZone(name, format);
}

/** An IANA zone: the offset at a wall time, found from the offset at nearby instants (cached per hour). */
function ianaZone(name: string, format: Intl.DateTimeFormat): TimeZoneRule {
  const offsetAtInstant = (ms: number): number => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  };
  const cache = new Map<number, number>();
  return {
    name,
    offsetMinutesAt(wallMs: number): number {
      const hour = Math.floor(wallMs / 3_600_000);
      let offset = cache.get(hour);
      if (offset === undefined) {
        // Two steps settle every case but the skipped hour of a spring-forward, which gets the later offset.
        const first = offsetAtInstant(wallMs);
        offset = offsetAtInstant(wallMs - first * 60_000);
        if (cache.size >= 10_000) cache.clear();
        cache.set(hour, offset);
      }
      return offset;
    },
  };
}

/** `Z`, `UTC`, `GMT` → 0; `+02:00`, `-0530`, `+02` → minutes east; undefined when there is no zone. */
export function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return undefined;
  const c = zone.charCodeAt(0);
  if (c !== 43 /* + */ && c !== 45 /* - */) return 0; // Z, UTC, GMT
  const sign = c === 45 ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = digits.length > 2 ? +digits.slice(2, 4) : 0;
  return sign * (hours * 60 + minutes);
}

/**
 * Validated calendar fields to ns; undefined for impossible dates such as 2021-02-30, 25:00 or an offset
 * past ±14:00. `offsetMinutes` undefined means the text named no zone: `zone` decides.
 */
export function civilToNs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  offsetMinutes: number | undefined,
  zone: TimeZoneRule = UTC,
): bigint | undefined {
  // Years below 1000 would also meet Date.UTC's two-digit-year mapping; no log has them.
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined; // 60: leap second, rolls over
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = offsetMinutes ?? zone.offsetMinutesAt(wallMs);
  if (offset > 14 * 60 || offset < -14 * 60) return undefined;
  let ms = wallMs - offset * 60_000;
  if (fraction === undefined || fraction === '') return BigInt(ms) * NS_PER_MS;
  // Up to 9 digits are exact in a double; the whole milliseconds go into `ms`, only the rest into a bigint.
  const fractionNs = Number(fraction.length >= 9 ? fraction.slice(0, 9) : fraction) * 10 ** (9 - Math.min(fraction.length, 9));
  const subMs = fractionNs % 1_000_000;
  ms += (fractionNs - subMs) / 1_000_000;
  return subMs === 0 ? BigInt(ms) * NS_PER_MS : BigInt(ms) * NS_PER_MS + BigInt(subMs);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

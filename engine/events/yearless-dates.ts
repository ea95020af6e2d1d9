/**
 * Years for stamps that carry none (syslog `Jun 14 15:16:01`, logcat `03-17 16:13:38.811`).
 *
 * The rule, for one input:
 * 1. Order: the stamps keep the input's order. Each stamp is in the year of the one before it, unless
 *    that would put it more than half a year earlier: then the year rolls over (Dec 31 → Jan 1 is the
 *    usual case; a quiet gap from November to February rolls over too, a line a few minutes or days out
 *    of order does not). A line written late across the boundary (`Dec 31 23:59:59` after
 *    `Jan 1 00:00:03`) would then land almost a year ahead; a stamp less than two days before the
 *    previous one modulo a year is therefore put in the year before, without moving the sequence.
 * 2. Anchor: the years are then fixed so that the input's LAST stamp is not in the future relative to
 *    a reference time: the file's modification time (a log is written up to its last line), or now for
 *    standard input, where the last line is not known in advance and the FIRST stamp is anchored
 *    instead. "Not in the future" allows one day of slack, for stamps written in a zone east of UTC.
 * So a file of Dec 10 … Jan 4 lines modified on Jan 5 2024 gets 2023-12-10 … 2024-01-04, and a file
 * spanning more than a year gets the right years as long as it has no gap longer than half a year.
 */
import { civilToNs, UTC, type TimeZoneRule } from './civil-time.js';
import type { YearlessStamp } from './time-shapes.js';

const DAY_MS = 86_400_000;
/** A step back longer than this is a new year. */
export const ROLLOVER_MS = 183 * DAY_MS;
/** A step forward longer than this is a late line from the year before. */
const LATE_LINE_MS = 364 * DAY_MS;
/** How far past the reference time the anchored stamp may be (zones east of UTC, clock skew). */
export const ANCHOR_SLACK_MS = DAY_MS;

const LEAP_YEAR_START = Date.UTC(2000, 0, 1);

/** Position within a year in ms (in a leap year, so Feb 29 has a place), for comparing stamps. */
export function positionInYear(s: YearlessStamp): number {
  return Date.UTC(2000, s.month - 1, s.day, s.hour, s.minute, s.second) - LEAP_YEAR_START;
}

/** Follows the year along a sequence of yearless stamps, relative to the first stamp's year. */
export class YearlessSequence {
  /** The year of the latest stamp that moved the sequence, minus the year of the first stamp. */
  rollovers = 0;
  first: YearlessStamp | undefined;
  /** The latest stamp that moved the sequence (a late line from the year before does not). */
  last: YearlessStamp | undefined;
  private lastPosition = 0;

  /** Adds the next stamp and returns its year offset from the first stamp. */
  add(stamp: YearlessStamp): number {
    const position = positionInYear(stamp);
    if (this.last === undefined) this.first = stamp;
    else if (position < this.lastPosition - ROLLOVER_MS) this.rollovers++;
    else if (position > this.lastPosition + LATE_LINE_MS) return this.rollovers - 1;
    this.last = stamp;
    this.lastPosition = position;
    return this.rollovers;
  }
}

/** The stamp in `year` as ns, undefined when it does not exist there (Feb 29 of a common year). */
export function stampInYear(stamp: YearlessStamp, year: number, zone: TimeZoneRule = UTC): bigint | undefined {
  const { month, day, hour, minute, second, fraction, offsetMinutes } = stamp;
  return civilToNs(year, month, day, hour, minute, second, fraction, offsetMinutes, zone);
}

/** The latest year in which `stamp` is not after `referenceMs` (plus the slack). */
export function latestYearNotAfter(stamp: YearlessStamp, referenceMs: number, zone: TimeZoneRule = UTC): number {
  const limit = BigInt(Math.floor(referenceMs + ANCHOR_SLACK_MS)) * 1_000_000n;
  const referenceYear = new Date(referenceMs).getUTCFullYear();
  // Eight years back reach a leap year for Feb 29 (2100 excepted, which no log reaches).
  for (let year = referenceYear + 1; year >= referenceYear - 8; year--) {
    const ns = stampInYear(stamp, year, zone);
    if (ns !== undefined && ns <= limit) return year;
  }
  return referenceYear;
}

/** Places each yearless stamp of one input in its year: the first stamp's year plus the rollovers since. */
export class YearlessDates {
  private readonly sequence = new YearlessSequence();

  constructor(
    private readonly firstYear: number,
    private readonly zone: TimeZoneRule = UTC,
  ) {}

  resolve(stamp: YearlessStamp): bigint | undefined {
    return stampInYear(stamp, this.firstYear + this.sequence.add(stamp), this.zone);
  }
}

/** The first stamp's year for a whole sequence anchored at its last stamp (see the module comment). */
export function firstYearAnchoredAtLast(sequence: YearlessSequence, referenceMs: number, zone: TimeZoneRule = UTC): number | undefined {
  if (sequence.last === undefined) return undefined;
  return latestYearNotAfter(sequence.last, referenceMs, zone) - sequence.rollovers;
}

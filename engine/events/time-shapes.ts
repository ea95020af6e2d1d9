/**
 * Timestamps inside free text, parsed at one position: the shapes the canonicalizer masks as <TS>
 * (default-rules.ts), each with a fixed upper bound on the characters it reads, so that trying one at
 * every position of a long line stays linear.
 *
 * Where a shape may be taken depends on how sure the position makes us that a time is meant:
 * - `start` (the line's start): every shape, also the ones that would be ambiguous mid-line — HDFS's
 *   `081109 203615` (yyMMdd HHmmss), log4j's `17/06/09 20:10:40` (yy/MM/dd, as Spark writes it), logcat's
 *   yearless `03-17 16:13:38.811`, epoch seconds or ms (10 or 13 digits from 2001 to 2033), a date alone;
 * - `keyed` (the value of a time key such as `timestamp=`): dates, date-times, epoch numbers of any unit;
 * - `anywhere`: only date-times with a time of day (a lone date or number mid-line is too often not
 *   the event's time).
 * Years outside 1970–2099 are not times. A stamp without a year (syslog `Jun 14 15:16:01`, logcat) is
 * returned as a `YearlessStamp` for the caller to place in a year (yearless-dates.ts); those are taken
 * at the line start and under time keys only.
 */
import { civilToNs, daysInMonth, UTC, zoneOffsetMinutes, type TimeZoneRule } from './civil-time.js';
import { parseEpochNs } from './timestamps.js';

export type TimeContext = 'start' | 'keyed' | 'anywhere';

/** A month-day-time without a year. */
export interface YearlessStamp {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string | undefined;
  /** Minutes east of UTC when the text named a zone. */
  offsetMinutes: number | undefined;
}

/** A time found at a position: an instant, or a stamp still missing its year; `end` is where its text ends. */
export type FoundTime = ({ ns: bigint; yearless?: undefined } | { ns?: undefined; yearless: YearlessStamp }) & { end: number };

const MIN_NS = BigInt(Date.UTC(1970, 0, 1)) * 1_000_000n;
const MAX_NS = BigInt(Date.UTC(2100, 0, 1)) * 1_000_000n;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `Jun`, `June`, `Sept` → 6, 6, 9; 0 when the word is no month name. Case-insensitive. */
export function monthNumber(word: string): number {
  if (word.length < 3 || word.length > 9) return 0;
  const lower = word.toLowerCase();
  for (let i = 0; i < 12; i++) if (MONTHS[i].startsWith(lower)) return i + 1;
  return 0;
}

function isWeekday(word: string): boolean {
  if (word.length < 3 || word.length > 9) return false;
  const lower = word.toLowerCase();
  return WEEKDAYS.some((d) => d.startsWith(lower));
}

// --- the shapes (sticky: they match at lastIndex only) -------------------------------------------------

const CLOCK = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9})\\d{0,9})?)?';
const ZONE = '(?:\\s?(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)(?![\\d:]))?';

/** 2021-06-04, 2021-06-04T16:00:37.5Z, 2016/9/27:20:30:31.455, 2005-06-03-15.42.50.675872 (BGL). */
const YEAR_FIRST_RE = new RegExp(
  `(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})(?:(?:[T ]|:(?=\\d{1,2}:))${CLOCK}${ZONE}|-(\\d{2})\\.(\\d{2})\\.(\\d{2})(?:\\.(\\d{1,9}))?)?(?!\\d)`,
  'y',
);
/** 20171223-22:15:29:606, 20171224-1:2:35:789, 20171223-22:15:35:11 (HealthApp), 20230101T120000Z, 20230101. */
const COMPACT_RE =
  /(\d{4})(\d{2})(\d{2})(?:[-T ]?(?:(\d{1,2}):(\d{1,2}):(\d{1,2})(?:([.,])(\d{1,9})|:(\d{1,3}))?|(\d{2})(\d{2})(\d{2})(?:[.,](\d{1,9}))?)(Z|[+-]\d{2}:?\d{2})?)?(?!\d)/y;
/** 081109 203615 (HDFS: yyMMdd HHmmss). */
const HDFS_RE = /(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})(?!\d)/y;
/** 17/06/09 20:10:40 (log4j's yy/MM/dd). */
const YY_SLASH_RE = /(\d{2})\/(\d{2})\/(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?!\d)/y;
/** 6/4/2021, 4:00:37.371 PM; 11/4/2020 21:11; 6/4/2021 (month first unless the first number cannot be a month). */
const US_RE = /(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s{1,3}(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9})\d{0,9})?)?(?:\s?([AaPp][Mm])(?![A-Za-z]))?)?(?![\d/])/y;
/** 10/Oct/2000:13:55:36 -0700 (Common Log Format), 18-Oct-2015 18:01:47.978, 04-Dec-2005. */
const DAY_MONTH_YEAR_RE = new RegExp(`(\\d{1,2})([/-])([A-Za-z]{3,9})\\2(\\d{4})(?:[: ]${CLOCK}${ZONE})?(?!\\d)`, 'y');
/** 02 Jan 2006 15:04:05 GMT (RFC 1123 after its weekday). */
const DAY_MONTHNAME_RE = new RegExp(`(\\d{1,2}) ([A-Za-z]{3,9}) (\\d{4}) ${CLOCK}${ZONE}(?!\\d)`, 'y');
/** 03-17 16:13:38.811 (logcat: MM-dd, no year). */
const LOGCAT_RE = /(\d{2})-(\d{2})\s{1,2}(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?!\d)/y;
/**
 * Jun 14 15:16:01 (syslog), Sun Dec 04 04:47:44 2005 (ctime), Jun 14, 2021 3:16:01 PM (Java), with an
 * optional weekday and zone; the year may follow the day or the clock, or be missing.
 */
const MONTH_NAME_RE = new RegExp(
  `(?:([A-Za-z]{3,9}),?\\s{1,2})?([A-Za-z]{3,9})\\.?\\s{1,2}(\\d{1,2})(?:,?\\s(\\d{4}))?,?\\s{1,2}${CLOCK}(?:\\s?([AaPp][Mm])(?![A-Za-z]))?${ZONE}(?:\\s(\\d{4}))?(?![\\d:])`,
  'y',
);
/** Mon, 02 Jan 2006 15:04:05 GMT (RFC 1123 with its weekday). */
const RFC1123_RE = new RegExp(`([A-Za-z]{3,9}),?\\s(\\d{1,2})\\s([A-Za-z]{3,9})\\s(\\d{4})\\s${CLOCK}${ZONE}(?!\\d)`, 'y');
const EPOCH_START_RE = /1\d{9}(?:\d{3}|\d{6}|\d{9})?(?:\.\d{1,9})?(?![\w.])/y;
const EPOCH_KEYED_RE = /\d{9,20}(?:\.\d{1,9})?(?![\w.])/y;

/** Where the latest successful match ended: the match a shape returns is always the latest one. */
let matchEnd = 0;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  if (m !== null) matchEnd = re.lastIndex;
  return m;
}

function inRange(ns: bigint | undefined): bigint | undefined {
  return ns !== undefined && ns >= MIN_NS && ns < MAX_NS ? ns : undefined;
}

function absolute(ns: bigint | undefined): FoundTime | undefined {
  const inside = inRange(ns);
  return inside === undefined ? undefined : { ns: inside, end: matchEnd };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The length of the run of digits at `pos` (at most 21: no shape needs more). */
function digitRun(text: string, pos: number): number {
  let n = 0;
  while (n < 21 && isDigit(text.charCodeAt(pos + n))) n++;
  return n;
}

function hour12(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return -1;
  return (hour % 12) + (meridiem[0] === 'P' || meridiem[0] === 'p' ? 12 : 0);
}

/**
 * The time that starts at `pos` in `text`, if one of the shapes allowed in `context` matches there.
 * `pos` must be at a token start (the caller checks what comes before).
 */
export function timeAt(text: string, pos: number, context: TimeContext, zone: TimeZoneRule = UTC): FoundTime | undefined {
  const c = text.charCodeAt(pos);
  if (isDigit(c)) return digitTimeAt(text, pos, context, zone);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return wordTimeAt(text, pos, context, zone);
  return undefined;
}

function digitTimeAt(text: string, pos: number, context: TimeContext, zone: TimeZoneRule): FoundTime | undefined {
  const run = digitRun(text, pos);
  const next = text.charCodeAt(pos + run);
  const sure = context !== 'anywhere';
  let m: RegExpExecArray | null;
  switch (run) {
    case 4:
      if (next === 45 /* - */ || next === 47 /* / */) {
        if ((m = at(YEAR_FIRST_RE, text, pos))) {
          const [, y, , mo, d, h, mi, s, frac, offset, bh, bmi, bs, bfrac] = m;
          if (h === undefined && bh === undefined && !sure) return undefined;
          if (bh !== undefined) return absolute(civilToNs(+y, +mo, +d, +bh, +bmi, +bs, bfrac, undefined, zone));
          return absolute(civilToNs(+y, +mo, +d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, frac, zoneOffsetMinutes(offset), zone));
        }
      }
      return undefined;
    case 8:
      if ((m = at(COMPACT_RE, text, pos))) {
        const [, y, mo, d, h, mi, s, , decimals, millis, h6, mi6, s6, frac6, offset] = m;
        // After a colon the milliseconds are a count written without padding (HealthApp: 35:11 is 35.011 s).
        const frac = millis !== undefined ? millis.padStart(3, '0') : decimals;
        if (h === undefined && h6 === undefined) return sure ? absolute(civilToNs(+y, +mo, +d, 0, 0, 0, undefined, undefined, zone)) : undefined;
        return h !== undefined
          ? absolute(civilToNs(+y, +mo, +d, +h, +mi, +s, frac, zoneOffsetMinutes(offset), zone))
          : absolute(civilToNs(+y, +mo, +d, +h6, +mi6, +s6, frac6, zoneOffsetMinutes(offset), zone));
      }
      return undefined;
    case 6:
      if (context === 'start' && next === 32 && (m = at(HDFS_RE, text, pos))) {
        const [, yy, mo, d, h, mi, s] = m;
        return absolute(civilToNs(2000 + +yy, +mo, +d, +h, +mi, +s, undefined, undefined, zone));
      }
      return undefined;
    case 1:
    case 2:
      if (next === 47 /* / */) {
        if (run === 2 && context === 'start' && (m = at(YY_SLASH_RE, text, pos))) {
          const [, yy, mo, d, h, mi, s, frac] = m;
          return absolute(civilToNs(2000 + +yy, +mo, +d, +h, +mi, +s, frac, undefined, zone));
        }
        if ((m = at(US_RE, text, pos))) {
          const [, a, b, y, h, mi, s, frac, meridiem] = m;
          if (h === undefined && !sure) return undefined;
          let month = +a;
          let day = +b;
          if (month > 12 && day <= 12) [month, day] = [day, month];
          const hour = hour12(h ? +h : 0, meridiem);
          return hour < 0 ? undefined : absolute(civilToNs(+y, month, day, hour, mi ? +mi : 0, s ? +s : 0, frac, undefined, zone));
        }
        return dayMonthYearAt(text, pos, sure, zone);
      }
      if (next === 45 /* - */) {
        if (run === 2 && context === 'start' && (m = at(LOGCAT_RE, text, pos))) {
          const [, mo, d, h, mi, s, frac] = m;
          return yearless(+mo, +d, +h, +mi, +s, frac, undefined);
        }
        return dayMonthYearAt(text, pos, sure, zone);
      }
      if (next === 32 && (m = at(DAY_MONTHNAME_RE, text, pos))) {
        const [, d, monthWord, y, h, mi, s, frac, offset] = m;
        const month = monthNumber(monthWord);
        return month === 0 ? undefined : absolute(civilToNs(+y, month, +d, +h, +mi, s ? +s : 0, frac, zoneOffsetMinutes(offset), zone));
      }
      return undefined;
    default:
      if (run >= 9 && context !== 'anywhere') {
        m = at(context === 'start' ? EPOCH_START_RE : EPOCH_KEYED_RE, text, pos);
        return m ? absolute(parseEpochNs(m[0])) : undefined;
      }
      return undefined;
  }
}

function dayMonthYearAt(text: string, pos: number, sure: boolean, zone: TimeZoneRule): FoundTime | undefined {
  const m = at(DAY_MONTH_YEAR_RE, text, pos);
  if (!m) return undefined;
  const [, d, , monthWord, y, h, mi, s, frac, offset] = m;
  const month = monthNumber(monthWord);
  if (month === 0 || (h === undefined && !sure)) return undefined;
  return absolute(civilToNs(+y, month, +d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, frac, zoneOffsetMinutes(offset), zone));
}

/** The first three letters of month and weekday names, lower-cased and packed into one number. */
const NAME_PREFIXES = new Set([...MONTHS, ...WEEKDAYS].map((w) => (w.charCodeAt(0) << 16) | (w.charCodeAt(1) << 8) | w.charCodeAt(2)));

function wordTimeAt(text: string, pos: number, context: TimeContext, zone: TimeZoneRule): FoundTime | undefined {
  // Cheap gates before any slice or regex: the word must start like a month or weekday name.
  const prefix = ((text.charCodeAt(pos) | 32) << 16) | ((text.charCodeAt(pos + 1) | 32) << 8) | (text.charCodeAt(pos + 2) | 32);
  if (!NAME_PREFIXES.has(prefix)) return undefined;
  let end = pos;
  while (end - pos < 10 && isLetter(text.charCodeAt(end))) end++;
  const word = text.slice(pos, end);
  const month0 = monthNumber(word);
  if (month0 === 0 && !isWeekday(word)) return undefined;
  let m = at(MONTH_NAME_RE, text, pos);
  if (m) {
    const [, weekday, monthWord, d, year1, h, mi, s, frac, meridiem, offset, year2] = m;
    const month = monthNumber(monthWord);
    if (month === 0 || (weekday !== undefined && !isWeekday(weekday))) return undefined;
    const hour = hour12(+h, meridiem);
    if (hour < 0) return undefined;
    const year = year1 ?? year2;
    if (year !== undefined) {
      const found = absolute(civilToNs(+year, month, +d, hour, +mi, s ? +s : 0, frac, zoneOffsetMinutes(offset), zone));
      // Four digits after a syslog clock may be the message (a pid, a port), not a year.
      if (found !== undefined || year1 !== undefined) return found;
    }
    return context === 'anywhere' ? undefined : yearless(month, +d, hour, +mi, s ? +s : 0, frac, zoneOffsetMinutes(offset));
  }
  if (month0 === 0 && (m = at(RFC1123_RE, text, pos))) {
    const [, weekday, d, monthWord, y, h, mi, s, frac, offset] = m;
    const month = monthNumber(monthWord);
    if (month === 0 || !isWeekday(weekday)) return undefined;
    return absolute(civilToNs(+y, month, +d, +h, +mi, s ? +s : 0, frac, zoneOffsetMinutes(offset), zone));
  }
  return undefined;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function yearless(
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  offsetMinutes: number | undefined,
): FoundTime | undefined {
  // Feb 29 is kept (it exists in the year the caller may pick); Feb 30 and Apr 31 never do.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month) || hour > 23 || minute > 59 || second > 60) return undefined;
  return { yearless: { month, day, hour, minute, second, fraction, offsetMinutes }, end: matchEnd };
}

/**
 * The time an event's text carries, for events whose reader found none (DESIGN: "an event's time comes
 * from the reader, else from the first timestamp found in the line"). In order of preference:
 * 1. a stamp at the line's start (after `<PRI>`, `[` or spaces): `2015-10-18 18:01:47,978 INFO`,
 *    `Jun 14 15:16:01 combo sshd`, `[Sun Dec 04 04:47:44 2005] [error]`, `081109 203615 148 INFO`;
 * 2. the value of a known time key (TIME_KEYS), first in the structured fields (metadata of CSV/JSON
 *    records), then in the text as `key=value`, `key: value` or `"key":"value"`;
 * 3. the first date-time with a time of day (`h:mm`) anywhere in the text, or an epoch number under a
 *    key whose name says time (`launchTime=1647889139051305194`, `sca:ingestTime=1679253407`).
 * Work per line is bounded: only the first MAX_SCAN_CHARS characters are looked at, each position at
 * most once, and each shape reads a bounded number of characters (time-shapes.ts).
 */
import { UTC, type TimeZoneRule } from './civil-time.js';
import { timeAt, type FoundTime } from './time-shapes.js';

/** Characters of a text looked at; a time further in is not found. */
export const MAX_SCAN_CHARS = 16 * 1024;
const MAX_KEY_CHARS = 48;
/** Characters after a stamp that can change where its match ends (`\s?` and a zone `+05:30`, a lookahead). */
const LOOKAHEAD_CHARS = 8;

/**
 * Key names (lower case, `_`, `-` and `@` removed, the part after the last `.` or `:`) whose value is
 * the event's time: the usual names plus those of the sample exports (Azure's TimeGenerated, OCSF's
 * metadata.original_time, Zscaler's event.datetime, VPC flow logs' start, Docker's raw_timestamp,
 * Windows events' TimeCreated and SystemTime).
 */
export const TIME_KEYS: ReadonlySet<string> = new Set([
  'timestamp',
  'time',
  'datetime',
  'date',
  'ts',
  'timegenerated',
  'eventtime',
  'eventtimestamp',
  'start',
  'starttime',
  'originaltime',
  'rawtimestamp',
  'logtime',
  'timecreated',
  'systemtime',
  'receivedtime',
  'generatedtime',
]);

/** `metadata.original_time` → `originaltime`; `@timestamp` → `timestamp`. */
export function normalizedKey(key: string): string {
  let from = 0;
  for (let i = key.length - 1; i >= 0; i--) {
    const c = key.charCodeAt(i);
    if (c === 46 /* . */ || c === 58 /* : */) {
      from = i + 1;
      break;
    }
  }
  let out = '';
  for (let i = from; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 95 || c === 45 || c === 64) continue; // _ - @
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : key[i];
  }
  return out;
}

/** A key whose numeric value may be an epoch time (step 3): its name says time or stamp. */
function namesTime(normalized: string): boolean {
  return normalized.includes('time') || normalized.includes('stamp');
}

/** Finds event times in texts; keeps a cache of key names seen in structured fields. */
export class TextTimeFinder {
  private readonly metadataKeys = new Map<string, boolean>();
  private lastStart: { stamp: string; after: string; found: FoundTime } | undefined;

  constructor(private readonly zone: TimeZoneRule = UTC) {}

  find(text: string, metadata?: Readonly<Record<string, string>>): FoundTime | undefined {
    const start = this.atLineStart(text);
    if (start !== undefined) return start;
    if (metadata !== undefined) {
      for (const key in metadata) {
        if (!this.isTimeKey(key)) continue;
        const value = metadata[key];
        const found = timeAt(value, skipQuoteAndSpace(value, 0), 'keyed', this.zone);
        if (found !== undefined) return found;
      }
    }
    return this.inText(text);
  }

  private isTimeKey(key: string): boolean {
    let known = this.metadataKeys.get(key);
    if (known === undefined) {
      known = key.length <= 64 && TIME_KEYS.has(normalizedKey(key));
      if (this.metadataKeys.size >= 10_000) this.metadataKeys.clear();
      this.metadataKeys.set(key, known);
    }
    return known;
  }

  private atLineStart(text: string): FoundTime | undefined {
    let pos = 0;
    const limit = Math.min(text.length, 16);
    // Prefixes before a stamp: spaces, a syslog priority `<34>`, an opening bracket.
    while (pos < limit) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 91 /* [ */ || c === 40 /* ( */) pos++;
      else if (c === 60 /* < */) {
        const close = text.indexOf('>', pos);
        if (close === -1 || close - pos > 4) return undefined;
        pos = close + 1;
      } else break;
    }
    if (pos >= text.length) return undefined;
    // Consecutive lines often open with the same stamp (many lines per second): reuse its reading when
    // the stamp and the few characters after it (which decide where a match ends) are the same.
    const last = this.lastStart;
    if (last !== undefined && text.startsWith(last.stamp, pos) && text.startsWith(last.after, pos + last.stamp.length)) return last.found;
    const found = timeAt(text, pos, 'start', this.zone);
    if (found !== undefined) {
      this.lastStart = { stamp: text.slice(pos, found.end), after: text.slice(found.end, found.end + LOOKAHEAD_CHARS), found };
    }
    return found;
  }

  /**
   * Steps 2 and 3. Both look only where a native regex scan points (a time word that may be in a key
   * name, a clock): far cheaper than visiting every character in JavaScript, on lines that mostly have
   * no time at all.
   */
  private inText(text: string): FoundTime | undefined {
    const scanned = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
    // Step 2, and the step-3 candidates that are values of time-named keys (launchTime=<epoch>).
    let named: FoundTime | undefined;
    let namedAt = scanned.length;
    const words = TIME_WORD_RE;
    words.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = words.exec(scanned)) !== null) {
      const key = keyAround(scanned, m.index);
      if (key === undefined) continue;
      words.lastIndex = key.valueAt;
      const name = normalizedKey(scanned.slice(key.start, key.end));
      const known = TIME_KEYS.has(name);
      if (!known && (named !== undefined || !namesTime(name))) continue;
      const found = timeAt(scanned, skipQuoteAndSpace(scanned, key.valueAt), 'keyed', this.zone);
      if (found === undefined) continue;
      if (known) return found;
      named = found;
      namedAt = key.start;
    }
    // Step 3: the first date-time anywhere, if it comes before the time-named key's value. Every shape
    // taken here has a clock (`12:34`), so only the few characters before each clock are searched.
    const clocks = CLOCK_RE;
    const dates = DATE_LIKE_RE;
    clocks.lastIndex = 0;
    let searchedTo = 0;
    while ((m = clocks.exec(scanned)) !== null) {
      const clock = m.index;
      dates.lastIndex = Math.max(searchedTo, clock - MAX_DATE_BEFORE_CLOCK);
      let d: RegExpExecArray | null;
      while ((d = dates.exec(scanned)) !== null && d.index <= clock) {
        if (d.index >= namedAt) return named;
        const found = timeAt(scanned, d.index, 'anywhere', this.zone);
        if (found !== undefined) return found;
      }
      searchedTo = clock + 1;
      if (searchedTo >= namedAt) break;
    }
    return named;
  }
}

/** Where a key naming a time may be: these words, in any case, inside a key name (or `ts` alone). */
const TIME_WORD_RE = /time|stamp|date|start|\bts\b/gi;

/** A clock's `h:mm`, and how far before it a date-time may start (`Thursday, September 14, 2023 4:00`). */
const CLOCK_RE = /\d:\d\d/g;
const MAX_DATE_BEFORE_CLOCK = 40;

/**
 * Token starts where a date-time may begin (not after a letter, digit, `_` or `.`): four digits and a
 * date separator, eight digits (compact), d/m/yyyy, a day and a month name, or a month or weekday name.
 */
const DATE_LIKE_RE =
  /(?<![\w.])(?:\d{4}[-/]\d|\d{8}|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}[-/ ][JFMASONDjfmasond][a-zA-Z]{2}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}[ ,.])/g;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Name characters: letters, digits, `_ . @ -`, and `:` inside a key before `=` (`sca:ingestTime=`). */
function isKeyChar(c: number, colon: boolean): boolean {
  return isWordChar(c) || c === 46 || c === 64 || c === 45 || (colon && c === 58);
}

/**
 * The key around a time word at `at`, when it is one: `[start, end)` the name (quotes excluded), then
 * `=` or `:` (after a closing quote for `"timestamp":`), and `valueAt` just after the separator.
 * Undefined for a word in free text or an implausibly long name.
 */
function keyAround(text: string, at: number): { start: number; end: number; valueAt: number } | undefined {
  let end = at;
  const limit = Math.min(text.length, at + MAX_KEY_CHARS);
  while (end < limit && isKeyChar(text.charCodeAt(end), false)) end++;
  let sep = end;
  const quoted = text.charCodeAt(sep) === 34; /* " */
  if (quoted) sep++;
  const c = text.charCodeAt(sep);
  if (c !== 61 /* = */ && c !== 58 /* : */) return undefined;
  let start = at;
  const stop = Math.max(0, end - MAX_KEY_CHARS);
  // Before `=` a key may hold colons (`sca:ingestTime=`); before `:` the colon is the separator.
  while (start > stop && isKeyChar(text.charCodeAt(start - 1), c === 61 && !quoted)) start--;
  if (start === stop && stop > 0) return undefined;
  if (quoted && text.charCodeAt(start - 1) !== 34) return undefined;
  return { start, end, valueAt: sep + 1 };
}

function skipQuoteAndSpace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && i - pos < 3) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 34 || c === 39 || c === 9) i++;
    else break;
  }
  return i;
}

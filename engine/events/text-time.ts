/**
 * The time an event's text carries, for events whose reader found none (DESIGN: "an event's time comes
 * from the reader, else from the first timestamp found in the line"). In order of preference:
 * 1. a stamp at the line's start (after `<PRI>`, `[` or spaces): `2015-10-18 18:01:47,978 INFO`,
 *    `Jun 14 15:16:01 combo sshd`, `[Sun Dec 04 04:47:44 2005] [error]`, `081109 203615 148 INFO`;
 * 2. the value of a known time key (TIME_KEYS), first in the structured fields (metadata of CSV/JSON
 *    records), then in the text as `key=value`, `key: value` or `"key":"value"`;
 * 3. the first date-time with a time of day anywhere in the text, or an epoch number under a key whose
 *    name says time (`launchTime=1647889139051305194`, `sca:ingestTime=1679253407`).
 * Work per line is bounded: only the first MAX_SCAN_CHARS characters are looked at, each position at
 * most once, and each shape reads a bounded number of characters (time-shapes.ts).
 */
import { UTC, type TimeZoneRule } from './civil-time.js';
import { timeAt, type FoundTime } from './time-shapes.js';

/** Characters of a text looked at; a time further in is not found. */
export const MAX_SCAN_CHARS = 16 * 1024;
const MAX_KEY_CHARS = 48;

/**
 * Key names (lower case, `_`, `-` and `@` removed, the part after the last `.` or `:`) whose value is
 * the event's time: the usual names plus those of the sample exports (Azure's TimeGenerated, OCSF's
 * metadata.original_time, Zscaler's event.datetime, VPC flow logs' start, Docker's raw_timestamp,
 * Windows events' TimeCreated and SystemTime).
 */
export const TIME_KEYS: ReadonlySet<string> = new Set([
  'timestamp', 'time', 'datetime', 'date', 'ts', 'timegenerated', 'eventtime', 'eventtimestamp', 'start',
  'starttime', 'originaltime', 'rawtimestamp', 'logtime', 'timecreated', 'systemtime', 'receivedtime', 'generatedtime',
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
    return pos < text.length ? timeAt(text, pos, 'start', this.zone) : undefined;
  }

  /** Steps 2 and 3 over the text in one left-to-right pass. */
  private inText(text: string): FoundTime | undefined {
    const end = Math.min(text.length, MAX_SCAN_CHARS);
    let first: FoundTime | undefined;
    let prev = 32; // the line start counts as a token boundary
    for (let i = 0; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 61 /* = */ || c === 58 /* : */) {
        const key = keyBefore(text, i, c === 61);
        if (key !== undefined) {
          const name = normalizedKey(key);
          const known = TIME_KEYS.has(name);
          if (known || (first === undefined && namesTime(name))) {
            const found = timeAt(text, skipQuoteAndSpace(text, i + 1), 'keyed', this.zone);
            if (found !== undefined) {
              if (known) return found;
              first = found;
            }
          }
        }
      } else if (first === undefined && !isWordChar(prev) && prev !== 46 /* . */ && isTokenStart(c)) {
        first = timeAt(text, i, 'anywhere', this.zone);
      }
      prev = c;
    }
    return first;
  }
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Digits, and the capitals that start month and weekday names (JFMASOND, MTWFS). */
function isTokenStart(c: number): boolean {
  if (c >= 48 && c <= 57) return true;
  switch (c) {
    case 65: case 68: case 70: case 74: case 77: case 78: case 79: case 83: case 84: case 87:
      return true;
    default:
      return false;
  }
}

/**
 * The key written just before a `=` or `:` at `sep`: a run of name characters, or a quoted name
 * (`"timestamp":`). Undefined when there is none or it is implausibly long.
 */
function keyBefore(text: string, sep: number, equals: boolean): string | undefined {
  let i = sep - 1;
  if (i < 0) return undefined;
  if (text.charCodeAt(i) === 34 /* " */) {
    const close = i;
    i--;
    while (i >= 0 && close - i <= MAX_KEY_CHARS && text.charCodeAt(i) !== 34) i--;
    return i >= 0 && text.charCodeAt(i) === 34 && close - i > 1 ? text.slice(i + 1, close) : undefined;
  }
  const stop = Math.max(0, sep - MAX_KEY_CHARS);
  while (i >= stop && isKeyChar(text.charCodeAt(i), equals)) i--;
  if (i >= stop && i >= 0 && isKeyChar(text.charCodeAt(i), equals)) return undefined; // longer than allowed
  return sep - i > 2 ? text.slice(i + 1, sep) : undefined;
}

/** Name characters: letters, digits, `_ . @ -`, and `:` inside a key before `=` (`sca:ingestTime=`). */
function isKeyChar(c: number, equals: boolean): boolean {
  return isWordChar(c) || c === 46 || c === 64 || c === 45 || (equals && c === 58);
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

import type { TimeZoneRule } from './civil-time.js';
import type { WarningSink } from './event.js';

export type InputFormat = 'auto' | 'text' | 'csv' | 'jsonl';

/** Everything that controls how inputs become events. Every field is optional. */
export interface ReadOptions {
  /**
   * `auto` (default): by extension (.csv → csv, .tsv → csv with tab, .json/.jsonl/.ndjson → jsonl), else
   * by the first non-empty line (`{`, or `[` alone or followed by `{`, `[`, `"`, `]` → jsonl; else text).
   */
  format?: InputFormat;
  /** Stop after this many events over all inputs together; the open file is closed at once. */
  limit?: number;
  /** Receives every warning (bad UTF-8, NUL bytes, long lines, malformed records). Default: ignored. */
  onWarning?: WarningSink;
  /**
   * Longest line kept, in bytes (default 1 MiB): a longer one is truncated to this size with a warning,
   * without ever being held whole. In CSV it also bounds a record that spans lines: a quoted field still
   * open past this many characters (or 10,000 lines) is taken to be an unclosed quote.
   */
  maxLineBytes?: number;

  // --- CSV ---
  /** Field delimiter, one character; `auto` picks the most frequent of `, ; TAB |` in the header line. Default `,`. */
  delimiter?: string;
  /** The first record is data, not a header; columns are then named col0, col1, ... */
  noHeader?: boolean;
  /**
   * Column holding the message (name, or 0-based index). Default: the first column named message, msg,
   * log, text, content, event, _raw, raw, raw log or line (case-insensitive); else, and for records where
   * that column is empty or `-`, all non-empty columns as `name=value` pairs joined by spaces.
   */
  textCol?: string | number;
  /** Extra columns copied into `metadata` (besides the usual ones: host, source, level, status, ...). */
  metaCols?: string[];
  /** Copy every non-text column into `metadata`. */
  keepAllMeta?: boolean;
  /**
   * CSV column (name or index) or JSON key (dotted for nested) holding the event time; a value that does
   * not parse is warned about once per input. Default: the first of date, @timestamp, timestamp, time,
   * ts that parses for the record (silently none when nothing parses).
   */
  tsCol?: string | number;

  // --- JSON (JSONL/NDJSON, a JSON array, or concatenated pretty-printed objects) ---
  /**
   * Key (dotted for nested) holding the message. Default: `textCol` when it is a name, else the first of
   * message, msg, log, text, content, event, _raw (exact case first, then any case) whose value is not
   * empty or `-`; else all fields as `key=value` text.
   */
  messageKey?: string;
  /** Keys tried for the time when `tsCol` is not set. Default @timestamp, timestamp, time, date, ts. */
  jsonTsKeys?: string[];
  /** Largest JSON value read from a JSON array or pretty-printed file, in bytes; larger ones are skipped with a warning. Default 16 MiB. */
  maxJsonValueBytes?: number;

  // --- Event times ---
  /**
   * The zone of times written without an offset (`2016-09-28 04:30:30`, `Jun 14 15:16:01`): `UTC`
   * (default), a fixed offset such as `+02:00`, or an IANA name such as `Europe/Berlin`. An offset in
   * the text always wins.
   */
  timeZone?: string;
  /**
   * The time the last stamp without a year (syslog) must not be after; default: the file's modification
   * time, and now for standard input (see yearless-dates.ts).
   */
  yearReferenceMs?: number;

  /** Where `-` reads from. Default process.stdin; tests and embedders may pass any byte stream. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

/** What one reader needs to know about its input besides the bytes. */
export interface ReaderOptions extends ReadOptions {
  /** The input's name for events and warnings: a path or `-`. */
  origin: string;
  /** `timeZone` parsed: the zone of times without an offset. Default UTC. */
  zone?: TimeZoneRule;
}

/** A warning function bound to one input: (1-based line, message). */
export type LineWarner = (line: number, message: string) => void;

export function lineWarner(options: ReaderOptions): LineWarner {
  const sink = options.onWarning;
  if (sink === undefined) return () => {};
  const origin = options.origin;
  return (line, message) => sink({ origin, line, message });
}

/**
 * One log line with its time and labels: the unit every reader produces and every later stage consumes.
 * A reader never drops a line silently: it either yields an event or reports a `ReadWarning`.
 */
export interface LogEvent {
  /** The line as read (after UTF-8 repair and NUL removal), without the line terminator. */
  raw: string;
  /** The part of the line that carries meaning: the message field of JSON/CSV, else `raw`. */
  text: string;
  /** Unix time in nanoseconds when the reader found one, else undefined (bigint keeps ns exact). */
  timestampNs?: bigint;
  /** Stream labels (Loki) or the source a text line names (`[source]`, `source=`). */
  labels: Record<string, string>;
  /** Structured metadata: CSV metadata columns, other JSON keys, Loki structured metadata. */
  metadata: Record<string, string>;
  /** 1-based position in its input: the line number for text/JSONL, the line where the record or element starts for CSV and JSON arrays. */
  seq: number;
  /** Which input it came from: a file path, `-` for stdin, or a Loki watch name. */
  origin: string;
}

/** Something odd about one input line that did not stop reading. */
export interface ReadWarning {
  origin: string;
  /** 1-based line number in the input. */
  line: number;
  message: string;
}

export type WarningSink = (warning: ReadWarning) => void;

/** Input that cannot be read as asked: a missing file, a wrong column, a bad option. Callers map it to "bad input". */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

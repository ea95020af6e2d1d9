import { InputError } from './event.js';
/**
 * CSV field splitting, one physical line at a time, so that a record whose quoted field spans lines
 * is assembled as its lines arrive (and the reader always knows the line where a record starts).
 *
 * RFC 4180 quoting (`"a,b"`, `""` for a quote, newlines inside quotes), made lenient the way users
 * need with hand-edited or exported files: a quote inside an unquoted field is a literal character,
 * and text after a closing quote (`"a"b`) is kept (`"a"b`) and reported as a problem.
 * Why not csv-parse's streaming parser: in v5.6 a quoted CRLF counts as two lines (wrong line numbers),
 * and after a skipped over-long record the rest of the input is silently lost.
 */

const QUOTE = 0x22;

export interface CsvRecord {
  fields: string[];
  /** Set when the record was malformed but kept (e.g. text after a closing quote). */
  problem?: string;
}

export class CsvRecordParser {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private pendingChars = 0;
  private problem: string | undefined;

  constructor(private readonly delimiter: string) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new InputError(`CSV delimiter must be one character other than a quote or newline, got ${JSON.stringify(delimiter)}`);
    }
  }

  /** True while a quoted field is open at the end of the last line fed. */
  get isOpen(): boolean {
    return this.inQuotes;
  }

  /** Characters held for the open record (to give up on a quote that never closes). */
  get heldChars(): number {
    return this.pendingChars + this.field.length;
  }

  /** Feeds one physical line (without its terminator); returns the record once it is complete. */
  feed(line: string): CsvRecord | undefined {
    let i: number;
    if (this.inQuotes) {
      this.field += '\n';
      i = this.readQuoted(line, 0);
    } else if (line.indexOf('"') === -1) {
      return { fields: line.split(this.delimiter) }; // the common case
    } else {
      i = this.readField(line, 0);
    }
    if (i === -1) return undefined;
    // i is at a delimiter (another field follows) or at the end of the line (the record is complete).
    while (i < line.length) {
      this.pushField();
      i = this.readField(line, i + 1);
      if (i === -1) return undefined;
    }
    return this.takeRecord();
  }

  /** Ends an open record at the current line end, as if its quote had closed there (the caller reports it). */
  closeOpenRecord(): CsvRecord {
    this.inQuotes = false;
    return this.takeRecord();
  }

  /** Forgets the open record. */
  reset(): void {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
    this.pendingChars = 0;
    this.problem = undefined;
  }

  private pushField(): void {
    this.pendingChars += this.field.length;
    this.fields.push(this.field);
    this.field = '';
  }

  private takeRecord(): CsvRecord {
    this.pushField();
    const record: CsvRecord = { fields: this.fields };
    if (this.problem !== undefined) record.problem = this.problem;
    this.reset();
    return record;
  }

  /** Reads the field starting at `i`: returns the index of the delimiter or line end after it, or -1 while its quotes stay open. */
  private readField(line: string, i: number): number {
    if (line.charCodeAt(i) === QUOTE) {
      this.inQuotes = true;
      return this.readQuoted(line, i + 1);
    }
    const next = line.indexOf(this.delimiter, i);
    const end = next === -1 ? line.length : next;
    this.field += line.slice(i, end);
    return end;
  }

  private readQuoted(line: string, i: number): number {
    for (;;) {
      const quote = line.indexOf('"', i);
      if (quote === -1) {
        this.field += line.slice(i);
        return -1;
      }
      this.field += line.slice(i, quote);
      if (line.charCodeAt(quote + 1) === QUOTE) {
        this.field += '"';
        i = quote + 2;
        continue;
      }
      this.inQuotes = false;
      const after = quote + 1;
      if (after >= line.length || line[after] === this.delimiter) return after;
      // Text after the closing quote: keep what was written, quotes included, up to the delimiter.
      this.problem ??= `text after the closing quote of field ${this.fields.length + 1}`;
      const next = line.indexOf(this.delimiter, after);
      const end = next === -1 ? line.length : next;
      this.field = `"${this.field}"${line.slice(after, end)}`;
      return end;
    }
  }
}

/** The most frequent of `, ; TAB |` outside quotes in a header line; `,` when none occurs. */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [ch, n] of counts) {
    if (n > bestCount) {
      best = ch;
      bestCount = n;
    }
  }
  return best;
}

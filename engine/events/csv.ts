/**
 * CSV input: one event per record, read as a stream of lines so that line numbers, bad UTF-8, NUL bytes
 * and over-long lines are handled exactly as for text. `seq` is the line where the record starts; `raw`
 * is the record as read (the lines of a multi-line record joined by `\n`). A row of empty fields only
 * gives no event.
 */
import type { LogEvent } from './event.js';
import { CsvRecordParser, sniffDelimiter, type CsvRecord } from './csv-record.js';
import { missingMetaColumns, planColumns, type CsvColumnPlan } from './csv-columns.js';
import { columnsText, isBlank, isEmptyMessage } from './fields.js';
import { DEFAULT_MAX_LINE_BYTES, splitLineBatches, type ByteSource, type NumberedLine } from './lines.js';
import { lineWarner, type LineWarner, type ReaderOptions } from './options.js';
import { parseTimestampNs } from './timestamps.js';

/**
 * A quoted field still open after this many lines (or after `maxLineBytes` characters) is taken to be an
 * unclosed quote: the record is cut at the end of its first line and the lines after it are read again.
 */
export const MAX_RECORD_LINES = 10_000;

/** Events of a CSV input, in batches (one per input chunk). */
export async function* readCsvBatches(source: ByteSource, options: ReaderOptions): AsyncGenerator<LogEvent[], void, undefined> {
  const warn = lineWarner(options);
  const reader = new CsvEventReader(options, warn);
  const batches = splitLineBatches(source, { maxLineBytes: options.maxLineBytes, keepEmpty: true, onWarning: warn });
  for await (const lines of batches) {
    const events: LogEvent[] = [];
    for (const line of lines) reader.push(line, events);
    if (events.length > 0) yield events;
  }
  const events: LogEvent[] = [];
  reader.end(events);
  if (events.length > 0) yield events;
}

/** Lines in, events out: assembles records (quoted newlines), then builds events from them. */
export class CsvEventReader {
  private readonly maxRecordChars: number;
  private parser: CsvRecordParser | undefined;
  private builder: RecordBuilder | undefined;
  // Lines of the record being assembled, kept so that a quote that never closes can be undone.
  private held: NumberedLine[] = [];

  constructor(
    private readonly options: ReaderOptions,
    private readonly warn: LineWarner,
  ) {
    this.maxRecordChars = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Feeds one physical line (empty lines included); completed events are appended to `out`. */
  push(item: NumberedLine, out: LogEvent[]): void {
    if (this.parser === undefined) {
      if (item.line.length === 0) return;
      this.parser = new CsvRecordParser(chooseDelimiter(this.options.delimiter, item.line));
    }
    const parser = this.parser;
    if (!parser.isOpen && item.line.length === 0) return; // a blank line between records
    this.held.push(item);
    const record = parser.feed(item.line);
    if (record !== undefined) {
      const lines = this.held;
      this.held = [];
      this.take(record, lines, out);
    } else if (parser.heldChars > this.maxRecordChars || this.held.length > MAX_RECORD_LINES) {
      this.undoOpenRecord(out);
    }
  }

  /** Ends the input; a record still open is cut as an unclosed quote. */
  end(out: LogEvent[]): void {
    while (this.held.length > 0) this.undoOpenRecord(out);
  }

  /** Gives up on the open record: its first line becomes a record of its own, the rest is read again. */
  private undoOpenRecord(out: LogEvent[]): void {
    const [first, ...rest] = this.held;
    this.warn(first.lineNo, `quoted field opened on this line is not closed within ${this.held.length} line(s): read as ending at the line end`);
    this.held = [];
    const parser = this.parser!;
    parser.reset();
    parser.feed(first.line);
    this.take(parser.closeOpenRecord(), [first], out);
    for (const line of rest) this.push(line, out);
  }

  private take(record: CsvRecord, lines: NumberedLine[], out: LogEvent[]): void {
    if (this.builder === undefined) {
      this.builder = new RecordBuilder(record.fields, lines[0].lineNo, this.options, this.warn);
      if (!this.options.noHeader) return;
    }
    const raw = lines.length === 1 ? lines[0].line : lines.map((l) => l.line).join('\n');
    const event = this.builder.build(record, raw, lines[0].lineNo);
    if (event !== undefined) out.push(event);
  }
}

function chooseDelimiter(option: string | undefined, headerLine: string): string {
  if (option === undefined) return ',';
  return option === 'auto' ? sniffDelimiter(headerLine) : option;
}

/** Turns records into events once the header (or, with noHeader, the first record) is known. */
class RecordBuilder {
  private readonly header: string[];
  private readonly plan: CsvColumnPlan;
  private timeWarned = false;

  constructor(
    first: string[],
    firstLine: number,
    private readonly options: ReaderOptions,
    private readonly warn: LineWarner,
  ) {
    this.header = options.noHeader ? first.map((_, i) => `col${i}`) : first.map((h) => h.trim());
    this.plan = planColumns(this.header, options);
    const missing = missingMetaColumns(this.header, options);
    if (missing.length > 0) warn(firstLine, `metadata column(s) not in this file: ${missing.join(', ')}`);
  }

  build(record: CsvRecord, raw: string, line: number): LogEvent | undefined {
    const { fields } = record;
    if (fields.every(isBlank)) return undefined; // a row of delimiters only
    if (record.problem !== undefined) this.warn(line, `malformed CSV record: ${record.problem}`);
    if (fields.length !== this.header.length) {
      this.warn(line, `record has ${fields.length} field(s), the header has ${this.header.length}`);
    }
    const { textIndex, timeIndexes, metaIndexes } = this.plan;
    let text = textIndex >= 0 ? (fields[textIndex] ?? '') : '';
    if (isEmptyMessage(text)) text = columnsText(this.header, fields);

    const metadata: Record<string, string> = {};
    for (const i of metaIndexes) {
      const value = fields[i];
      if (value !== undefined && !isBlank(value)) metadata[this.header[i]] = value;
    }
    const event: LogEvent = {
      raw,
      text,
      labels: {},
      metadata,
      seq: line,
      origin: this.options.origin,
    };
    const timestampNs = this.timeOf(fields, line);
    if (timestampNs !== undefined) event.timestampNs = timestampNs;
    return event;
  }

  private timeOf(fields: string[], line: number): bigint | undefined {
    for (const i of this.plan.timeIndexes) {
      const value = fields[i];
      if (value === undefined || value.length === 0) continue;
      const ns = parseTimestampNs(value, this.options.zone);
      if (ns !== undefined) return ns;
      if (this.plan.timeExplicit && !this.timeWarned) {
        this.timeWarned = true;
        this.warn(line, `${JSON.stringify(value)} in column ${this.header[i]} is not a recognized timestamp (further ones are not reported)`);
      }
    }
    return undefined;
  }
}

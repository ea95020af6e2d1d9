/**
 * JSON input. Three layouts, told apart by the first non-blank line:
 * - JSONL / NDJSON (one object per line), the usual case;
 * - one top-level array (`[` alone or followed by `{`, `[`, `"` or `]`), e.g. the Scalyr exports;
 * - pretty-printed objects one after another (first line a lone `{`).
 * The last two are split into elements by a streaming scanner (json-values.ts), never parsed whole;
 * an element larger than `maxJsonValueBytes` (16 MiB) is skipped with a warning. Their events' `raw`
 * is the element re-serialized as compact one-line JSON, and `seq` the line where the element starts.
 *
 * In JSONL a line that is not JSON is kept as a message (text = the line). It is warned about only
 * once the input has shown that it is JSON (some line was an object): warnings for earlier such lines
 * are held back until then (up to MAX_HELD_WARNINGS), so a text file read as JSON does not flood the user.
 */
import type { LogEvent } from './event.js';
import { isPlainObject, JsonEventBuilder } from './json-event.js';
import { splitJsonValueBatches } from './json-values.js';
import { splitLineBatches, type ByteSource } from './lines.js';
import { lineWarner, type LineWarner, type ReaderOptions } from './options.js';
import { firstNonBlankLine, peekFirstLine } from './peek.js';

export const MAX_HELD_WARNINGS = 1000;

export type JsonLayout = 'lines' | 'array' | 'concatenated';

/** The layout of a JSON input from its first non-blank line (trimmed). */
export function jsonLayout(firstLine: string | undefined): JsonLayout {
  if (firstLine === undefined) return 'lines';
  if (/^\[\s*([{["\]]|$)/.test(firstLine)) return 'array';
  if (firstLine === '{') return 'concatenated';
  return 'lines';
}

/** Events of a JSON input, in batches (one per input chunk). */
export async function* readJsonBatches(input: ByteSource, options: ReaderOptions): AsyncGenerator<LogEvent[], void, undefined> {
  const { head, source } = await peekFirstLine(input);
  const layout = jsonLayout(firstNonBlankLine(head));
  const warn = lineWarner(options);
  const builder = new JsonEventBuilder(options, warn);
  if (layout === 'lines') {
    const lines = new JsonLinesReader(builder, warn);
    for await (const batch of splitLineBatches(source, { maxLineBytes: options.maxLineBytes, onWarning: warn })) {
      const events: LogEvent[] = [];
      for (const { line, lineNo } of batch) lines.push(line, lineNo, events);
      if (events.length > 0) yield events;
    }
    return;
  }
  const values = splitJsonValueBatches(source, {
    insideArray: layout === 'array',
    maxValueBytes: options.maxJsonValueBytes,
    warn,
  });
  for await (const batch of values) {
    yield batch.map(({ text, lineNo }) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        warn(lineNo, 'not valid JSON: kept as text');
        return builder.fromText(text, text, lineNo);
      }
      if (isPlainObject(value)) return builder.fromObject(value, text, lineNo, true);
      return builder.fromText(typeof value === 'string' ? value : text, text, lineNo);
    });
  }
}

/** JSONL lines to events, holding back non-JSON warnings until the input has shown it is JSON. */
export class JsonLinesReader {
  private looksLikeJson = false;
  private heldWarnings: number[] = [];
  private heldOverflow = 0;

  constructor(
    private readonly builder: JsonEventBuilder,
    private readonly warn: LineWarner,
  ) {}

  push(line: string, lineNo: number, out: LogEvent[]): void {
    const first = firstNonSpace(line);
    if (first === -1) return;
    const c = line.charCodeAt(first);
    // Only `{`, `[` and `"` can start JSON worth parsing; not calling JSON.parse on the rest is cheap.
    let value: unknown = NOT_JSON;
    if (c === 0x7b || c === 0x5b || c === 0x22) {
      try {
        value = JSON.parse(line);
      } catch {
        value = NOT_JSON;
      }
    }
    if (isPlainObject(value)) {
      if (!this.looksLikeJson) this.becomeJson(lineNo);
      out.push(this.builder.fromObject(value, line, lineNo));
      return;
    }
    if (value === NOT_JSON) {
      if (this.looksLikeJson) this.warn(lineNo, 'not a JSON object: kept as text');
      else if (this.heldWarnings.length < MAX_HELD_WARNINGS) this.heldWarnings.push(lineNo);
      else this.heldOverflow++;
    }
    out.push(this.builder.fromText(typeof value === 'string' ? value : line, line, lineNo));
  }

  private becomeJson(lineNo: number): void {
    this.looksLikeJson = true;
    for (const held of this.heldWarnings) this.warn(held, 'not a JSON object: kept as text');
    if (this.heldOverflow > 0) {
      this.warn(this.heldWarnings[this.heldWarnings.length - 1], `${this.heldOverflow} more non-JSON line(s) before line ${lineNo} not reported`);
    }
    this.heldWarnings = [];
  }
}

const NOT_JSON = Symbol('not JSON');

function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return i;
  }
  return -1;
}

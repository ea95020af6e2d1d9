/**
 * Plain text input: one event per non-blank line.
 *
 * Source recognition follows macro2micro's text loader, so that its benchmark file
 * (`[<source>] key=value ...`) reads the same way:
 * - a leading `[source] ` is taken into `labels.source` and cut from `text`;
 * - otherwise a `source=<name>` token anywhere in the line sets `labels.source`, and `text` keeps the
 *   whole line (the token is part of the key=value content, as in macro2micro).
 * Unlike macro2micro, the bracketed name must look like a source name (letters, digits, `_.-`, no
 * spaces, not all digits, not a log level), so that `[Sun Dec 04 04:47:44 2005] [error] ...` (Apache),
 * `[12345]` (a pid) or `[INFO] ...` are not mistaken for sources.
 */
import type { LogEvent } from './event.js';
import { splitLineBatches, type ByteSource } from './lines.js';
import { lineWarner, type ReaderOptions } from './options.js';
import { LOG_LEVELS } from './log-levels.js';

const BRACKET_SOURCE_RE = /^\[([A-Za-z0-9_.-]{1,64})\]\s+/;
const SOURCE_KV_RE = /\bsource=([A-Za-z0-9_.-]{1,64})\b/;
const LEVEL_WORDS = LOG_LEVELS;

/**
 * The event of one non-blank text line: source label and message text. Its time is found later, from
 * the text (event-times.ts), as for every event whose reader finds none.
 */
export function textLineEvent(line: string, seq: number, origin: string): LogEvent {
  let text = line;
  let labels: Record<string, string> = {};
  if (line.charCodeAt(0) === 0x5b /* [ */) {
    const m = BRACKET_SOURCE_RE.exec(line);
    if (m && !/^\d+$/.test(m[1]) && !LEVEL_WORDS.has(m[1].toLowerCase())) {
      labels = { source: m[1] };
      text = line.slice(m[0].length);
    }
  }
  if (labels.source === undefined && line.includes('source=')) {
    const m = SOURCE_KV_RE.exec(line);
    if (m) labels = { source: m[1] };
  }
  return { raw: line, text, labels, metadata: {}, seq, origin };
}

/** Events of a text input, in batches (one per input chunk). */
export async function* readTextBatches(source: ByteSource, options: ReaderOptions): AsyncGenerator<LogEvent[], void, undefined> {
  const origin = options.origin;
  const batches = splitLineBatches(source, { maxLineBytes: options.maxLineBytes, onWarning: lineWarner(options) });
  for await (const lines of batches) {
    const events: LogEvent[] = [];
    for (const { line, lineNo } of lines) {
      if (!isBlank(line)) events.push(textLineEvent(line, lineNo, origin));
    }
    if (events.length > 0) yield events;
  }
}

/** True for lines of spaces and tabs only (macro2micro skips them like empty lines). */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12) return false;
  }
  return true;
}

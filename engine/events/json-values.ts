/**
 * Streaming splitter for JSON documents that are not one object per line: a top-level array
 * (`[ {...}, {...} ]`, as exported by Scalyr and many tools) or pretty-printed objects one after another.
 * It yields the source text of each element without parsing the document as a whole, so memory stays
 * bounded by the largest element (`maxValueBytes`), not by the file.
 *
 * A byte-level scan tracks strings, escapes and nesting depth; element boundaries are found at depth 0.
 */
import { isUtf8 } from 'node:buffer';
import type { ByteSource } from './lines.js';
import type { LineWarner } from './options.js';

export const DEFAULT_MAX_JSON_VALUE_BYTES = 16 << 20;

export interface JsonValueText {
  /** The element's JSON text (UTF-8 repaired, NULs removed). */
  text: string;
  /** 1-based line where the element starts. */
  lineNo: number;
}

export interface SplitJsonValuesOptions {
  /** True: the input is one array whose elements are wanted. False: values follow one another. */
  insideArray: boolean;
  maxValueBytes?: number;
  warn: LineWarner;
}

// Bytes that matter to the scan.
const LF = 0x0a,
  CR = 0x0d,
  TAB = 0x09,
  SPACE = 0x20,
  COMMA = 0x2c,
  QUOTE = 0x22,
  BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b,
  CLOSE_BRACKET = 0x5d,
  OPEN_BRACE = 0x7b,
  CLOSE_BRACE = 0x7d;

const repairingDecoder = new TextDecoder('utf-8', { fatal: false });

/** The values, batched per input chunk. */
export async function* splitJsonValueBatches(source: ByteSource, options: SplitJsonValuesOptions): AsyncGenerator<JsonValueText[], void, undefined> {
  const maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_JSON_VALUE_BYTES;
  const warn = options.warn;
  let line = 1;
  let atInputStart = true;
  let beforeArray = options.insideArray; // still looking for the opening `[`
  let afterArray = false; // the closing `]` was seen
  let inValue = false;
  let valueLine = 0;
  let depth = 0;
  let scalar = false; // the value is a number, literal or string: it ends at `,`, `]` or a newline
  let inString = false;
  let escaped = false;
  let pieces: Buffer[] = [];
  let heldBytes = 0;
  let oversized = false;

  const hold = (piece: Buffer): void => {
    if (oversized) return;
    if (heldBytes + piece.length > maxValueBytes) {
      // Too big to keep: stop holding it (the scan goes on to find where it ends).
      oversized = true;
      pieces = [];
      heldBytes = 0;
      return;
    }
    pieces.push(piece);
    heldBytes += piece.length;
  };
  const finish = (): JsonValueText | undefined => {
    inValue = false;
    if (oversized) {
      oversized = false;
      warn(valueLine, `JSON value larger than ${maxValueBytes} bytes skipped`);
      return undefined;
    }
    const bytes = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, heldBytes);
    pieces = [];
    heldBytes = 0;
    return { text: decode(bytes, valueLine, warn), lineNo: valueLine };
  };

  let out: JsonValueText[] = [];
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0; // where the held part of the current value begins in this chunk
    let i = 0;
    if (atInputStart) {
      atInputStart = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3; // UTF-8 byte order mark
    }
    for (; i < buf.length; i++) {
      const b = buf[i];
      if (b === LF) line++;
      if (inValue) {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          continue;
        }
        if (b === QUOTE) {
          inString = true;
          continue;
        }
        if (!scalar) {
          if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
          else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && --depth === 0) {
            hold(buf.subarray(start, i + 1));
            const value = finish();
            if (value !== undefined) out.push(value);
          }
          continue;
        }
        // A number, literal, string or stray text ends at `,`, `]` or the end of its line.
        if (b !== COMMA && b !== LF && b !== CLOSE_BRACKET) continue;
        hold(buf.subarray(start, i));
        const value = finish();
        if (value !== undefined) out.push(value);
        if (b !== CLOSE_BRACKET) continue;
        // That `]` closes the array: fall through to the handling between values.
      }
      if (b === SPACE || b === LF || b === CR || b === TAB) continue;
      if (beforeArray) {
        if (b === OPEN_BRACKET) beforeArray = false;
        continue;
      }
      if (options.insideArray && (b === COMMA || b === CLOSE_BRACKET)) {
        if (b === CLOSE_BRACKET && !afterArray) afterArray = true;
        continue;
      }
      if (afterArray) {
        warn(line, 'text after the end of the JSON array ignored');
        if (out.length > 0) yield out;
        return;
      }
      if (!options.insideArray && b === COMMA) continue; // tolerate `},{` between values
      inValue = true;
      valueLine = line;
      start = i;
      depth = b === OPEN_BRACE || b === OPEN_BRACKET ? 1 : 0;
      scalar = depth === 0;
      inString = b === QUOTE;
      escaped = false;
    }
    if (inValue) hold(buf.subarray(start));
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (inValue) {
    if (!scalar) warn(valueLine, 'JSON value not closed at end of input');
    else if (options.insideArray) warn(line, 'JSON array not closed at end of input');
    const value = finish();
    if (value !== undefined) out.push(value);
  } else if (options.insideArray && !afterArray) {
    warn(line, beforeArray ? 'no JSON array found' : 'JSON array not closed at end of input');
  }
  if (out.length > 0) yield out;
}

function decode(bytes: Buffer, lineNo: number, warn: LineWarner): string {
  let text: string;
  if (isUtf8(bytes)) {
    text = bytes.toString('utf8');
  } else {
    text = repairingDecoder.decode(bytes);
    warn(lineNo, 'invalid UTF-8: bad bytes replaced with U+FFFD');
  }
  if (text.includes('\0')) {
    const before = text.length;
    text = text.replaceAll('\0', '');
    warn(lineNo, `${before - text.length} NUL byte(s) removed`);
  }
  return text;
}

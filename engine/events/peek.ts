/**
 * Looking at the start of an input before choosing how to read it, without reading it twice (stdin
 * cannot be reopened): the bytes looked at are replayed in front of the rest.
 */
import type { ByteSource } from './lines.js';

/** Bytes read ahead at most to find the first non-blank line. */
export const PEEK_LIMIT_BYTES = 64 * 1024;

export interface PeekedSource {
  /** The bytes read ahead (possibly all of a small input). */
  head: Buffer;
  /** The whole input again, `head` included. Ending it early closes the input. */
  source: ByteSource;
}

/** Reads chunks until the first non-blank line is complete (or PEEK_LIMIT_BYTES, or the end). */
export async function peekFirstLine(input: ByteSource): Promise<PeekedSource> {
  const iterator = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let head: Buffer = Buffer.alloc(0);
  let done = false;
  while (head.length < PEEK_LIMIT_BYTES && firstNonBlankLine(head, false) === undefined) {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      break;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    chunks.push(chunk);
    head = chunks.length === 1 ? chunk : Buffer.concat([head, chunk]);
  }
  return { head, source: replay(chunks, done ? undefined : iterator) };
}

async function* replay(chunks: Buffer[], rest: AsyncIterator<Uint8Array | string> | undefined): AsyncGenerator<Uint8Array | string> {
  try {
    yield* chunks;
    if (rest === undefined) return;
    for (;;) {
      const r = await rest.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    // Closes the file (or stops reading stdin) when the reader stops early.
    await rest?.return?.();
  }
}

/**
 * The first line of `head` with something other than whitespace, trimmed, BOM removed. With
 * `atEnd` false a line is only returned once its newline has been seen.
 */
export function firstNonBlankLine(head: Buffer, atEnd = true): string | undefined {
  let start = 0;
  for (;;) {
    const newline = head.indexOf(0x0a, start);
    if (newline === -1 && !atEnd) return undefined;
    const end = newline === -1 ? head.length : newline;
    const line = head
      .toString('utf8', start, end)
      .replace(/^\uFEFF/, '')
      .trim();
    if (line.length > 0) return line;
    if (newline === -1) return undefined;
    start = newline + 1;
  }
}

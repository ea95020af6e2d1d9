/**
 * Streaming byte-level line splitter: the one place where raw input bytes become lines of text.
 *
 * Memory is bounded by the chunk size plus `maxLineBytes`, whatever the input size. Newlines are
 * found with `Buffer.indexOf` (native), and UTF-8 validity and NUL bytes are checked once per chunk
 * for all the complete lines in it, so the common clean case costs one `toString` per line.
 */
import { isUtf8 } from 'node:buffer';

/** Lines longer than this many bytes are truncated (1 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

export interface NumberedLine {
  /** The line without its terminator (LF, CRLF, or a lone CR at end of input), repaired as warned. */
  line: string;
  /** 1-based physical line number in the input, counting skipped empty lines. */
  lineNo: number;
}

/**
 * Any byte stream: a Node Readable (file, stdin), or an async iterable of chunks in tests. A chunk must
 * not be changed after it is handed over (the splitter keeps slices of an unfinished line without
 * copying); Node streams never reuse their chunks.
 */
export type ByteSource = AsyncIterable<Uint8Array | string>;

export interface SplitLinesOptions {
  /**
   * Longest line kept, in bytes. A longer line is truncated to its first `maxLineBytes` bytes (cut back
   * to a whole UTF-8 character) with a warning; the rest of it is skipped without being buffered, and
   * reading goes on with the next line. Truncating rather than dropping keeps the event visible.
   */
  maxLineBytes?: number;
  /** Yield empty lines too. Default false: they are skipped, but still counted in line numbers. */
  keepEmpty?: boolean;
  /** Told about each repaired line: invalid UTF-8, NUL bytes, truncation. */
  onWarning?: (lineNo: number, message: string) => void;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0;

// Replacement decoding follows the WHATWG rules (one U+FFFD per maximal invalid subsequence).
const repairingDecoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Lines, batched per input chunk: one await per chunk rather than per line, which is what keeps the
 * readers above 1M short lines/s. The batches are fresh arrays the caller may keep.
 */
export async function* splitLineBatches(source: ByteSource, options: SplitLinesOptions = {}): AsyncGenerator<NumberedLine[], void, undefined> {
  const splitter = new LineSplitter(options);
  for await (const chunk of source) {
    const lines = splitter.push(chunk);
    if (lines.length > 0) yield lines;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

/** Lines one at a time (convenient; `splitLineBatches` is faster). */
export async function* splitLines(source: ByteSource, options: SplitLinesOptions = {}): AsyncGenerator<NumberedLine, void, undefined> {
  for await (const batch of splitLineBatches(source, options)) yield* batch;
}

/** The splitter itself, fed chunk by chunk; synchronous so that it can sit under any kind of loop. */
export class LineSplitter {
  private readonly maxLineBytes: number;
  private readonly keepEmpty: boolean;
  private readonly warn: (lineNo: number, message: string) => void;
  private lineNo = 0;
  // The unfinished line carried across chunks: at most maxLineBytes bytes are kept.
  private carry: Buffer[] = [];
  private carryBytes = 0;
  // Bytes of the unfinished line beyond maxLineBytes, counted and thrown away.
  private droppedBytes = 0;
  private lastDroppedByte = -1;

  constructor(options: SplitLinesOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!(this.maxLineBytes >= 1)) throw new RangeError(`maxLineBytes must be at least 1, got ${this.maxLineBytes}`);
    this.keepEmpty = options.keepEmpty ?? false;
    this.warn = options.onWarning ?? (() => {});
  }

  /** Feeds one chunk; returns the lines it completes. */
  push(chunk: Uint8Array | string): NumberedLine[] {
    const buf = toBuffer(chunk);
    const out: NumberedLine[] = [];
    let newline = buf.indexOf(LF);
    if (newline === -1) {
      this.keep(buf);
      return out;
    }
    let start = 0;
    if (this.carryBytes > 0 || this.droppedBytes > 0) {
      this.lineNo++;
      this.emit(out, this.finishCarried(buf.subarray(0, newline)));
      start = newline + 1;
      newline = buf.indexOf(LF, start);
    }
    // One validity check for all the complete lines left in this chunk: a newline byte never sits
    // inside a UTF-8 character, so if the region is valid, every line in it is.
    const lastNewline = buf.lastIndexOf(LF);
    const clean = start < lastNewline && buf.indexOf(NUL, start) === -1 && isUtf8(buf.subarray(start, lastNewline));
    const { maxLineBytes, keepEmpty } = this;
    while (newline !== -1) {
      this.lineNo++;
      let end = newline;
      if (end > start && buf[end - 1] === CR) end--;
      if (end - start > maxLineBytes) {
        // A long line that sits whole in one (large) chunk: same rules as a carried one.
        this.keep(buf.subarray(start, newline));
        this.emit(out, this.finishCarried(EMPTY));
      } else if (end > start) {
        const text = clean ? buf.toString('utf8', start, end) : this.decode(buf.subarray(start, end));
        this.emit(out, text);
      } else if (keepEmpty) {
        out.push({ line: '', lineNo: this.lineNo });
      }
      start = newline + 1;
      newline = buf.indexOf(LF, start);
    }
    if (start < buf.length) this.keep(buf.subarray(start));
    return out;
  }

  /** Ends the input: returns the last line when it had no final newline. */
  end(): NumberedLine[] {
    const out: NumberedLine[] = [];
    if (this.carryBytes > 0 || this.droppedBytes > 0) {
      this.lineNo++;
      this.emit(out, this.finishCarried(EMPTY));
    }
    return out;
  }

  private emit(out: NumberedLine[], text: string): void {
    if (this.lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte order mark
    if (text.length > 0 || this.keepEmpty) out.push({ line: text, lineNo: this.lineNo });
  }

  private keep(piece: Buffer): void {
    const room = this.maxLineBytes - this.carryBytes;
    if (piece.length <= room) {
      if (piece.length > 0) {
        this.carry.push(piece);
        this.carryBytes += piece.length;
      }
      return;
    }
    if (room > 0) {
      this.carry.push(piece.subarray(0, room));
      this.carryBytes += room;
    }
    this.droppedBytes += piece.length - room;
    this.lastDroppedByte = piece[piece.length - 1];
  }

  /** Finishes the carried line, `tail` (the part in the current chunk) included. */
  private finishCarried(tail: Buffer): string {
    this.keep(tail);
    let bytes = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry, this.carryBytes);
    this.carry = [];
    this.carryBytes = 0;
    let dropped = this.droppedBytes;
    this.droppedBytes = 0;
    if (dropped > 0 && this.lastDroppedByte === CR) dropped--; // the CR of CRLF ends the line, it is not content
    if (dropped > 0) {
      const total = bytes.length + dropped;
      bytes = bytes.subarray(0, wholeUtf8Length(bytes));
      this.warn(this.lineNo, `line of ${total} bytes is longer than ${this.maxLineBytes}: kept the first ${bytes.length} bytes`);
    } else if (bytes.length > 0 && bytes[bytes.length - 1] === CR) {
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    return this.decode(bytes);
  }

  /** Text of one line's bytes, repaired (with a warning) when not valid UTF-8 or holding NULs. */
  private decode(bytes: Buffer): string {
    let text: string;
    if (isUtf8(bytes)) {
      text = bytes.toString('utf8');
    } else {
      text = repairingDecoder.decode(bytes);
      this.warn(this.lineNo, 'invalid UTF-8: bad bytes replaced with U+FFFD');
    }
    if (bytes.indexOf(NUL) !== -1) {
      const before = text.length;
      text = text.replaceAll('\0', '');
      this.warn(this.lineNo, `${before - text.length} NUL byte(s) removed`);
    }
    return text;
  }
}

const EMPTY = Buffer.alloc(0);

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Length of the longest prefix of `bytes` that does not end inside a UTF-8 character, so that
 * truncating a valid line does not also make it invalid (and warn twice).
 */
export function wholeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  // The lead byte of the last character is at most 3 bytes back.
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - i >= needed ? n : i;
  }
  return n;
}

/**
 * The entry point of the events stage: inputs (paths, `-` for stdin) to one stream of LogEvents.
 */
import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseTimeZone, UTC, type TimeZoneRule } from './civil-time.js';
import { InputError, type LogEvent } from './event.js';
import { withTextTimes } from './event-times.js';
import { readCsvBatches } from './csv.js';
import { jsonLayout, readJsonBatches } from './jsonl.js';
import type { ByteSource } from './lines.js';
import type { InputFormat, ReadOptions, ReaderOptions } from './options.js';
import { firstNonBlankLine, peekFirstLine } from './peek.js';
import { readTextBatches } from './text.js';

export type { InputFormat, ReadOptions } from './options.js';

/** The name of standard input among the inputs. */
export const STDIN = '-';

// Larger reads than the 64 KiB default: fewer chunks, fewer awaits, same bounded memory.
const READ_CHUNK_BYTES = 256 * 1024;

type ConcreteFormat = Exclude<InputFormat, 'auto'>;
const FORMATS: readonly InputFormat[] = ['auto', 'text', 'csv', 'jsonl'];

/**
 * Reads every input in turn and yields its events. All paths are checked before the first event, and
 * a missing or unreadable one throws an Error naming it. With `limit`, reading stops after that many
 * events in total and the open input is closed at once; stopping the iteration early does the same.
 */
export async function* openEvents(inputs: string[], options: ReadOptions = {}): AsyncGenerator<LogEvent, void, undefined> {
  for await (const batch of openEventBatches(inputs, options)) yield* batch;
}

/**
 * `openEvents` in batches (one per input chunk, up to a few thousand events): the same events with one
 * await per batch instead of per event, for consumers that process many lines.
 */
export async function* openEventBatches(inputs: string[], options: ReadOptions = {}): AsyncGenerator<LogEvent[], void, undefined> {
  const limit = options.limit ?? Infinity;
  if (!(limit >= 0)) throw new RangeError(`limit must be a non-negative number, got ${options.limit}`);
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    throw new InputError(`unknown input format ${JSON.stringify(options.format)}: expected ${FORMATS.join(', ')}`);
  }
  if (inputs.filter((input) => input === STDIN).length > 1) throw new InputError('standard input (-) is given more than once');
  for (const input of inputs) if (input !== STDIN) await checkReadableFile(input);
  parseZone(options); // a wrong --time-zone fails before the first event
  if (limit === 0) return;

  let count = 0;
  for (const input of inputs) {
    for await (const batch of readInputBatches(input, options)) {
      if (count + batch.length >= limit) {
        yield batch.slice(0, limit - count);
        return;
      }
      count += batch.length;
      yield batch;
    }
  }
}

/** The events of one input (a path or `-`), in batches, with times from the text where the reader found none. */
export async function* readInputBatches(input: string, options: ReadOptions = {}): AsyncGenerator<LogEvent[], void, undefined> {
  yield* readInput(input, options, true);
}

async function* readInput(input: string, options: ReadOptions, textTimes: boolean): AsyncGenerator<LogEvent[], void, undefined> {
  const file = input === STDIN ? undefined : createReadStream(input, { highWaterMark: READ_CHUNK_BYTES });
  try {
    yield* readSourceBatches(input, file ?? options.stdin ?? process.stdin, options, textTimes);
  } finally {
    // Stopping early destroys the stream (with an AbortError, which is no news here); wait until its
    // descriptor is closed, so that `limit` really leaves no file open.
    if (file !== undefined && !file.closed) {
      file.on('error', () => {});
      const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
      file.destroy();
      await closed;
    }
  }
}

async function* readSourceBatches(input: string, bytes: ByteSource, options: ReadOptions, textTimes: boolean): AsyncGenerator<LogEvent[], void, undefined> {
  const zone = parseZone(options);
  const readerOptions: ReaderOptions = { ...options, origin: input, zone };
  let format = formatByExtension(input, options.format ?? 'auto');
  let source = bytes;
  if (format === undefined) {
    const peeked = await peekFirstLine(bytes);
    source = peeked.source;
    format = formatByFirstLine(firstNonBlankLine(peeked.head));
  }
  if (format === 'csv' && options.delimiter === undefined && extname(input).toLowerCase() === '.tsv') {
    readerOptions.delimiter = '\t';
  }
  const batches =
    format === 'csv'
      ? readCsvBatches(source, readerOptions)
      : format === 'jsonl'
        ? readJsonBatches(source, readerOptions)
        : readTextBatches(source, readerOptions);
  // A time column or keys named by the user win outright: their records get no time from elsewhere.
  const userNamedTime = format !== 'text' && (options.tsCol !== undefined || options.jsonTsKeys !== undefined);
  if (!textTimes || userNamedTime) {
    yield* batches;
    return;
  }
  const reference = options.yearReferenceMs;
  yield* withTextTimes(batches, {
    zone,
    referenceMs: async () => reference ?? (input === STDIN ? Date.now() : (await stat(input)).mtimeMs),
    reread: input === STDIN ? undefined : () => readInput(input, { ...options, limit: undefined, onWarning: undefined }, false),
  });
}

function parseZone(options: ReadOptions): TimeZoneRule {
  return options.timeZone === undefined ? UTC : parseTimeZone(options.timeZone);
}

/** The format an explicit option or the file extension gives, or undefined when the content must decide. */
export function formatByExtension(input: string, format: InputFormat): ConcreteFormat | undefined {
  if (format !== 'auto') return format;
  switch (extname(input).toLowerCase()) {
    case '.csv':
    case '.tsv':
      return 'csv';
    case '.json':
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    default:
      return undefined;
  }
}

/** Sniffing: a first non-blank line that starts a JSON object (or array of them) means JSON, else text. */
export function formatByFirstLine(firstLine: string | undefined): ConcreteFormat {
  if (firstLine === undefined) return 'text';
  if (firstLine.startsWith('{')) return 'jsonl';
  return jsonLayout(firstLine) === 'array' ? 'jsonl' : 'text';
}

async function checkReadableFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
    await access(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new InputError(`cannot read input ${path}: ${reason}`, { cause: error });
  }
  if (info.isDirectory()) throw new InputError(`cannot read input ${path}: it is a directory`);
}

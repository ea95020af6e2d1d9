import { InputError } from './event.js';
/**
 * Which CSV column is the message, which hold the time, and which go to metadata: decided once per
 * file from the header and the options.
 */
import { normalizeFieldName } from './fields.js';
import type { ReaderOptions } from './options.js';

/** Column names (normalized) that hold the message, in order of preference. */
const MESSAGE_COLUMNS = ['message', 'msg', 'log', 'text', 'content', 'event', 'raw', 'rawlog', 'line'];
/** Column names tried for the time when no `tsCol` is given (macro2micro's list). */
const TIME_COLUMNS = ['date', '@timestamp', 'timestamp', 'time', 'ts'];
/** Columns kept in metadata by default (macro2micro's metadata.tsv set). */
const DEFAULT_META_COLUMNS = [
  'date',
  '@timestamp',
  'timestamp',
  'time',
  'ts',
  'source',
  'logtype',
  'service',
  'app',
  'host',
  'hostname',
  'remote_host',
  'request',
  'status',
  'sent',
  'referer',
  'user_agent',
  'level',
  'severity',
];

export interface CsvColumnPlan {
  /** Index of the message column, or -1: the text is then the `key=value` form of the record. */
  textIndex: number;
  /** Columns whose values may be the time, tried in order. */
  timeIndexes: number[];
  /** True when the time column was named by the user: a value that does not parse is warned about. */
  timeExplicit: boolean;
  /** Columns copied into metadata. */
  metaIndexes: number[];
}

export function planColumns(header: readonly string[], options: ReaderOptions): CsvColumnPlan {
  const normalized = header.map(normalizeFieldName);
  const lower = header.map((h) => h.trim().toLowerCase());

  let textIndex = -1;
  if (options.textCol !== undefined) {
    textIndex = resolveColumn(header, options.textCol, 'text column', options.origin);
  } else {
    for (const name of MESSAGE_COLUMNS) {
      textIndex = normalized.indexOf(name);
      if (textIndex !== -1) break;
    }
  }

  let timeIndexes: number[];
  const timeExplicit = options.tsCol !== undefined;
  if (options.tsCol !== undefined) {
    timeIndexes = [resolveColumn(header, options.tsCol, 'timestamp column', options.origin)];
  } else {
    timeIndexes = TIME_COLUMNS.map((name) => lower.indexOf(name)).filter((i) => i !== -1 && i !== textIndex);
  }

  let metaIndexes: number[];
  if (options.keepAllMeta) {
    metaIndexes = header.map((_, i) => i).filter((i) => i !== textIndex);
  } else {
    const wanted = new Set(DEFAULT_META_COLUMNS);
    const extra = new Set(options.metaCols ?? []);
    metaIndexes = header.map((_, i) => i).filter((i) => i !== textIndex && (wanted.has(lower[i]) || extra.has(header[i])));
  }
  return { textIndex, timeIndexes, timeExplicit, metaIndexes };
}

/** Names of `metaCols` entries that are not columns of this file, for one warning. */
export function missingMetaColumns(header: readonly string[], options: ReaderOptions): string[] {
  return (options.metaCols ?? []).filter((name) => !header.includes(name));
}

/**
 * A column given by name (exact, then case-insensitive) or by 0-based index (a number, or a string of
 * digits that is not a column name). A column that does not exist is a usage error: it throws, naming
 * the file and the columns it has, rather than silently reading something else.
 */
export function resolveColumn(header: readonly string[], column: string | number, what: string, origin: string): number {
  if (typeof column === 'string') {
    const exact = header.indexOf(column);
    if (exact !== -1) return exact;
    const folded = header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (folded !== -1) return folded;
  }
  const index = typeof column === 'number' ? column : /^\d+$/.test(column) ? Number(column) : NaN;
  if (Number.isInteger(index) && index >= 0 && index < header.length) return index;
  const shown = header.slice(0, 20).join(', ') + (header.length > 20 ? `, ... (${header.length} columns)` : '');
  throw new InputError(`${origin}: ${what} ${JSON.stringify(column)} does not exist; columns are: ${shown}`);
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../events/event.js';

/** One Loghub data set: line i of the log, its Content column and its ground-truth EventId. */
export interface LabeledDataset {
  name: string;
  raw: string[];
  content: string[];
  eventIds: string[];
  /** The Component column (the program or logger class that wrote the line), when the set has one. */
  components?: string[];
}

/**
 * Every data set in a directory in the Loghub-2k layout: `<Name>/<Name>_2k.log` beside
 * `<Name>/<Name>_2k.log_structured_corrected.csv` (row i of the CSV labels line i of the log).
 * Folders without both files are skipped; none at all is bad input.
 */
export function readLoghubDatasets(dir: string): LabeledDataset[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`no such directory: ${dir}`);
  const out: LabeledDataset[] = [];
  for (const name of readdirSync(dir).sort()) {
    const log = join(dir, name, `${name}_2k.log`);
    const csv = join(dir, name, `${name}_2k.log_structured_corrected.csv`);
    if (!existsSync(log) || !existsSync(csv)) continue;
    out.push(readLoghubDataset(name, log, csv));
  }
  if (out.length === 0) {
    throw new InputError(`no data sets in Loghub-2k layout (<Name>/<Name>_2k.log and <Name>/<Name>_2k.log_structured_corrected.csv) under ${dir}`);
  }
  return out;
}

function readLoghubDataset(name: string, logFile: string, csvFile: string): LabeledDataset {
  const raw = readFileSync(logFile, 'utf8').split(/\r?\n/);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(readFileSync(csvFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  } catch (err) {
    throw new InputError(`${csvFile}: not a readable CSV (${(err as Error).message})`);
  }
  if (rows.length > 0 && (!('Content' in rows[0]) || !('EventId' in rows[0]))) {
    throw new InputError(`${csvFile}: needs the columns Content and EventId`);
  }
  if (rows.length !== raw.length) throw new InputError(`${name}: ${raw.length} log lines but ${rows.length} labelled rows`);
  const components = rows.length > 0 && 'Component' in rows[0] ? rows.map((r) => r.Component) : undefined;
  return { name, raw, content: rows.map((r) => r.Content), eventIds: rows.map((r) => r.EventId), ...(components ? { components } : {}) };
}

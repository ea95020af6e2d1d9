// Reads the Loghub-2k layout: <Name>/<Name>_2k.log and <Name>/<Name>_2k.log_structured_corrected.csv
// (row i of the CSV is line i of the log; EventId is the ground-truth event type).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse } = require('csv-parse/sync');

export const LOGHUB_DIR = resolve(new URL('..', import.meta.url).pathname, '..', 'shared', 'datasets', 'loghub-2k');

export function loadLoghub(dir = LOGHUB_DIR) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const log = join(dir, name, `${name}_2k.log`);
    const csv = join(dir, name, `${name}_2k.log_structured_corrected.csv`);
    if (!existsSync(log) || !existsSync(csv)) continue;
    const lines = readFileSync(log, 'utf8').split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true, skip_empty_lines: true });
    if (rows.length !== lines.length) throw new Error(`${name}: ${lines.length} log lines but ${rows.length} labelled rows`);
    out.push({ name, lines, content: rows.map((r) => r.Content), truth: rows.map((r) => r.EventId) });
  }
  if (out.length === 0) throw new Error(`no Loghub-2k data sets under ${dir}`);
  return out;
}

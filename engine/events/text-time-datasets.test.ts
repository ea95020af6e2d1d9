/**
 * Every line of the nine loghub-2k logs gets the time its structured CSV (loghub's own parse) gives it:
 * the expected instants are built from the CSV's Date/Time columns with Date.parse, independently of
 * the time finder. Times there have no zone, so UTC; syslog sets have no year, so the reference time
 * is fixed and the expected year follows from it. Also merged_events.txt: its share of timed lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { openEvents, type ReadOptions } from './open.js';

const DATASETS = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const LOGHUB = join(DATASETS, 'loghub-2k');
const skip = existsSync(LOGHUB) ? false : `datasets not found at ${DATASETS}`;

type Row = Record<string, string>;
const pad = (s: string, n: number): string => s.padStart(n, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const month = (name: string): string => pad(String(MONTHS.indexOf(name) + 1), 2);

/** Per data set: the expected instant (ms) of a structured row, by Date.parse of an ISO string. */
const EXPECTED: Record<string, (r: Row) => number> = {
  Apache: (r) => Date.parse(`${r.Time} UTC`),
  HDFS: (r) => {
    const d = pad(r.Date, 6);
    const t = pad(r.Time, 6);
    return Date.parse(`20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}Z`);
  },
  Hadoop: (r) => Date.parse(`${r.Date}T${r.Time.replace(',', '.')}Z`),
  HealthApp: (r) => {
    const [, y, mo, d, h, mi, s, ms] = /^(\d{4})(\d{2})(\d{2})-(\d+):(\d+):(\d+):(\d+)$/.exec(r.Time)!;
    return Date.parse(`${y}-${mo}-${d}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);
  },
  // Loghub's Linux log is from 2005; OpenSSH's December lines from 2016 (a reference time is given below).
  Linux: (r) => Date.parse(`2005-${month(r.Month)}-${pad(r.Date, 2)}T${r.Time}Z`),
  OpenSSH: (r) => Date.parse(`2016-${month(r.Date)}-${pad(r.Day, 2)}T${r.Time}Z`),
  Spark: (r) => Date.parse(`20${r.Date.replaceAll('/', '-')}T${r.Time}Z`),
  Windows: (r) => Date.parse(`${r.Date}T${r.Time}Z`),
  Zookeeper: (r) => Date.parse(`${r.Date}T${r.Time.replace(',', '.')}Z`),
};
const REFERENCE: Record<string, number> = { Linux: Date.UTC(2005, 11, 31), OpenSSH: Date.UTC(2017, 0, 10) };

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`${name}_2k.log: every line's time is the one its structured CSV gives`, { skip }, async () => {
    const rows = parseCsvSync(readFileSync(join(LOGHUB, name, `${name}_2k.log_structured_corrected.csv`)), { columns: true }) as Row[];
    const want = new Map(rows.map((r) => [Number(r.LineId), expected(r)]));
    const options: ReadOptions = REFERENCE[name] === undefined ? {} : { yearReferenceMs: REFERENCE[name] };
    let checked = 0;
    for await (const event of openEvents([join(LOGHUB, name, `${name}_2k.log`)], options)) {
      const ms = want.get(event.seq);
      assert.ok(ms !== undefined && !Number.isNaN(ms), `line ${event.seq} has a structured row`);
      assert.equal(event.timestampNs, BigInt(ms) * 1_000_000n, `line ${event.seq}: ${event.raw.slice(0, 80)}`);
      checked++;
    }
    assert.equal(checked, rows.length);
  });
}

test('merged_events.txt: the records that carry a time in a field get it', { skip }, async () => {
  let timed = 0;
  let events = 0;
  const bySource = new Map<string, number>();
  for await (const event of openEvents([join(DATASETS, 'scalyr-samples', 'merged_events.txt')])) {
    events++;
    if (event.timestampNs === undefined) continue;
    timed++;
    bySource.set(event.labels.source, (bySource.get(event.labels.source) ?? 0) + 1);
  }
  assert.equal(events, 67_790);
  // Counted with grep: records of these sources all carry a parseable time field.
  assert.equal(bySource.get('AADUSerInfo'), 6); // TimeGenerated=
  assert.equal(bySource.get('aad_ocsf'), 998); // metadata.original_time=
  assert.equal(bySource.get('fortigate'), 619); // timestamp=<ns>
  assert.equal(bySource.get('zscaler_log_sample'), 2527); // event.datetime=
  assert.equal(bySource.get('vpc'), 9920); // start=<s>; 80 records have start=start
  assert.equal(bySource.get('microservice'), undefined); // no time anywhere
  assert.ok(timed > 20_000, `${timed} timed events`);
});

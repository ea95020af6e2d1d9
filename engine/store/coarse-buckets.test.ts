import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../cluster/rng.js';
import { Baseline } from './baseline.js';
import { MERGING_PATTERN_OPTIONS, volumesFromFineRows } from './store-fixtures.js';
import { bucketSpans, COARSE_LEVELS } from './coarse-buckets.js';
import { SqliteWatchStore } from './watch-store.js';

const DAY = 86_400_000;

test('the spans of a range hold each 10 s bucket once, coarse spans aligned to a width that divides the step', () => {
  const random = createRandom(3);
  for (let i = 0; i < 2000; i++) {
    const from = Math.floor((random() * 3 * DAY) / 10_000) * 10_000;
    const to = from + 1 + Math.floor(random() * 3 * DAY);
    const step = [10_000, 60_000, 300_000, 600_000, 3_600_000, 7_200_000, DAY][Math.floor(random() * 7)];
    const spans = bucketSpans(from, to, step);
    assert.equal(spans[0].fromMs, from);
    assert.equal(spans[spans.length - 1].toMs, to);
    for (let j = 1; j < spans.length; j++) assert.equal(spans[j].fromMs, spans[j - 1].toMs, 'no gap, no overlap');
    for (const s of spans) {
      const level = COARSE_LEVELS.find((l) => l.table === s.table);
      if (!level) {
        assert.equal(s.table, 'buckets');
        continue;
      }
      assert.equal(step % level.ms, 0, `${s.table} used for a step of ${step}`);
      assert.equal(s.fromMs % level.ms, 0);
      assert.equal(s.toMs % level.ms, 0);
    }
  }
  // A day at 5 min, a day at 1 h: the coarse level carries the range.
  assert.deepEqual(bucketSpans(DAY, 2 * DAY, 300_000), [{ table: 'buckets_5m', fromMs: DAY, toMs: 2 * DAY }]);
  assert.deepEqual(
    bucketSpans(DAY + 10_000, 2 * DAY + 20_000, 3_600_000).map((s) => s.table),
    ['buckets', 'buckets_5m', 'buckets_1h', 'buckets'],
  );
});

/** Sums of the 10 s rows at every coarse width, and the coarse tables, as sorted rows. */
function coarseVsFine(b: Baseline): Array<{ table: string; fromFine: unknown[]; stored: unknown[] }> {
  return COARSE_LEVELS.map(({ table, ms }) => ({
    table,
    fromFine: b.database
      .prepare(`SELECT (bucket_ms / ${ms}) * ${ms} AS t, pattern_key AS p, stream_id AS s, SUM(count) AS n FROM buckets GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
      .all(),
    stored: b.database.prepare(`SELECT bucket_ms AS t, pattern_key AS p, stream_id AS s, count AS n FROM ${table} ORDER BY 1, 2, 3`).all(),
  }));
}

test('coarse buckets equal the sums of the 10 s buckets after random commits and template merges, and after reopening', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-coarse-')), 'w');
  let b = Baseline.open(dir, { create: true, patternOptions: MERGING_PATTERN_OPTIONS });
  let s = new SqliteWatchStore(b);
  const random = createRandom(7);
  const streams = [s.streamId('{host="a"}'), s.streamId('{host="b"}'), s.streamId('{host="c"}')];
  // Families of lines of different lengths (the template layer only merges lines of one length): the
  // third word seen at a family's open position merges the family's templates into one.
  const families = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'].map(
    (name, i) => (word: string) => `${name} ${'worker '.repeat(i)}${word} ready`,
  );
  const words = ['red', 'green', 'blue', 'cyan', 'pink', 'gold', 'gray', 'teal'];
  const keys: number[] = [];
  let seq = 0;
  for (let commit = 0; commit < 80; commit++) {
    const fresh: number[] = [];
    for (let j = 0; j < 2; j++) {
      const line = families[Math.floor(random() * families.length)](words[Math.floor(random() * words.length)]);
      const { pattern } = b.patterns.add(
        { raw: line, text: line, labels: {}, metadata: {}, seq: ++seq, origin: 't', timestampNs: BigInt(seq) * 1_000_000_000n },
        { canonical: line, entities: [] },
      );
      keys.push(pattern.key);
      fresh.push(pattern.key);
    }
    // Counts name keys as ingest does: the batch's own, and older ones, some merged away since (the
    // commit resolves them); the next merge moves the counts of the keys it retires.
    const at = () => Math.floor((random() * 3 * DAY) / 10_000) * 10_000;
    const stream = () => streams[Math.floor(random() * streams.length)];
    const buckets = [
      ...fresh.map((patternKey) => ({ bucketMs: at(), patternKey, streamId: stream(), count: 1 + Math.floor(random() * 50) })),
      ...Array.from({ length: Math.floor(random() * 30) }, () => ({
        bucketMs: at(),
        patternKey: keys[Math.floor(random() * keys.length)],
        streamId: stream(),
        count: 1 + Math.floor(random() * 50),
      })),
    ];
    s.commitIngest({ buckets, entities: [], links: [], outliers: [], cursor: { cursorNs: BigInt(commit), seen: [], events: commit, lastEventNs: null } });
  }
  const merged = (b.database.prepare('SELECT COUNT(*) AS n FROM pattern_aliases').get() as { n: number }).n;
  assert.ok(merged >= 5, `${merged} templates merged into others`);
  const fineRows = (b.database.prepare('SELECT COUNT(*) AS n FROM buckets').get() as { n: number }).n;
  assert.ok(fineRows > 500, `${fineRows} fine rows`);
  for (const { table, fromFine, stored } of coarseVsFine(b)) assert.deepEqual(stored, fromFine, table);

  s.replaceClusters(
    [...new Set(keys.map((k) => b.patterns.resolveKey(k)))].map((k, i) => ({ patternKey: k, cluster: i % 3 === 0 ? -1 : i % 4, x: 0, y: 0 })),
    [0, 1, 2, 3].map((id) => ({ id, label: `c${id}`, size: 1, patterns: 1, topEntities: [] })),
  );
  b.close();
  b = Baseline.open(dir, { patternOptions: MERGING_PATTERN_OPTIONS });
  s = new SqliteWatchStore(b);
  for (const { table, fromFine, stored } of coarseVsFine(b)) assert.deepEqual(stored, fromFine, `${table} after reopening`);

  // Reads through the coarse levels answer what the 10 s rows answer, aligned ranges or not.
  const sorted = <T extends { t: number; cluster?: number }>(rows: T[]) => [...rows].sort((x, y) => x.t - y.t || (x.cluster ?? 0) - (y.cluster ?? 0));
  for (const [from, to, step] of [
    [0, 3 * DAY, 300_000],
    [0, 3 * DAY, 3_600_000],
    [0, 3 * DAY, DAY],
    [123_456, 2 * DAY + 7_777, 3_600_000],
    [DAY - 10_000, DAY + 300_000, 300_000],
    [5_000, 3 * DAY, 10_000],
  ]) {
    const want = volumesFromFineRows(b, from, to, step);
    assert.ok(want.length > 0);
    assert.deepEqual(sorted(s.volumes(from, to, step)), want, `volumes ${from}..${to} step ${step}`);
    const events = new Map<number, number>();
    for (const r of want as Array<{ t: number; count: number }>) events.set(r.t, (events.get(r.t) ?? 0) + r.count);
    assert.deepEqual(
      sorted(s.eventCounts(from, to, step)),
      [...events].map(([t, count]) => ({ t, count })),
      `events ${from}..${to} step ${step}`,
    );
  }
  // Counts per pattern read the coarse tables too.
  for (const [from, to, step] of [
    [0, 3 * DAY, 3_600_000],
    [123_456, 2 * DAY + 7_777, 300_000],
  ]) {
    const fine = b.database
      .prepare(
        `SELECT (bucket_ms / ${step}) * ${step} AS t, pattern_key AS patternKey, SUM(count) AS count FROM buckets
         WHERE bucket_ms >= ? AND bucket_ms < ? GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(Math.floor(from / 10_000) * 10_000, to) as Array<{ t: number; patternKey: number; count: number }>;
    assert.ok(fine.length > 0);
    assert.deepEqual(
      [...s.patternStepCounts(from, to, step)].sort((x, y) => x.t - y.t || x.patternKey - y.patternKey),
      fine,
    );
    const perPattern = new Map<number, number>();
    for (const r of fine) perPattern.set(r.patternKey, (perPattern.get(r.patternKey) ?? 0) + r.count);
    assert.deepEqual(new Map([...s.patternCounts(from, to)].sort((x, y) => x[0] - y[0])), new Map([...perPattern].sort((x, y) => x[0] - y[0])));
  }
  b.close();
});

test('a store made before coarse buckets gets them filled from its 10 s buckets when opened', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-coarse-')), 'w');
  let b = Baseline.open(dir, { create: true });
  const s = new SqliteWatchStore(b);
  const stream = s.streamId('{a="b"}');
  const buckets = Array.from({ length: 200 }, (_, i) => ({ bucketMs: i * 70_000, patternKey: 1 + (i % 7), streamId: stream, count: 1 + (i % 5) }));
  s.commitIngest({ buckets, entities: [], links: [], outliers: [], cursor: { cursorNs: 1n, seen: [], events: 1, lastEventNs: null } });
  // Back to schema 3: no coarse tables.
  b.database.exec('DROP TABLE buckets_5m; DROP TABLE buckets_1h; DROP TABLE buckets_1d; PRAGMA user_version = 3;');
  b.close();
  b = Baseline.open(dir);
  const checked = coarseVsFine(b);
  for (const { table, fromFine, stored } of checked) {
    assert.ok(stored.length > 0, table);
    assert.deepEqual(stored, fromFine, table);
  }
  b.close();
});

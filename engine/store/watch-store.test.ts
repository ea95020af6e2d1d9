import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baseline } from './baseline.js';
import { MERGING_PATTERN_OPTIONS } from './store-fixtures.js';
import { SqliteWatchStore, type OutlierRecord } from './watch-store.js';

const outlier = (timeMs: number, patternId: string): OutlierRecord => ({
  timeMs,
  tsNs: `${timeMs}000000`,
  kind: 'distance',
  score: 0.7,
  reasons: ['far'],
  line: `line ${timeMs}`,
  labels: { a: 'b' },
  patternId,
  nearestPatternId: null,
  nearestCanonical: null,
  distance: 0.7,
  cluster: null,
  rule: null,
});

test('one commit writes counts, outliers and cursor together; reads aggregate them and survive reopening', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-ws-')), 'w');
  let b = Baseline.open(dir, { create: true });
  let s = new SqliteWatchStore(b);
  assert.equal(s.readCursor(), undefined);
  const stream = s.streamId('{a="b"}');
  assert.equal(s.streamId('{a="b"}'), stream);
  s.commitIngest({
    buckets: [
      { bucketMs: 0, patternKey: 1, streamId: stream, count: 3 },
      { bucketMs: 10_000, patternKey: 2, streamId: stream, count: 4 },
    ],
    entities: [{ bucketMs: 0, kind: 'ip', value: '10.0.0.1', patternKey: 1, count: 3 }],
    links: [{ kind: 'ip', value: '10.0.0.1', otherKind: 'host', otherValue: 'h', timeMs: 5, count: 3 }],
    outliers: [outlier(5000, 'p1'), outlier(15_000, 'p2'), outlier(15_000, 'p3')],
    cursor: { cursorNs: 15_000_000_000n, seen: ['x', 'y'], events: 7, lastEventNs: 15_000_000_000n },
  });
  s.commitIngest({
    buckets: [{ bucketMs: 10_000, patternKey: 2, streamId: stream, count: 1 }],
    entities: [],
    links: [],
    outliers: [],
    cursor: { cursorNs: 16_000_000_000n, seen: [], events: 8, lastEventNs: 16_000_000_000n },
  });
  b.close();

  b = Baseline.open(dir);
  s = new SqliteWatchStore(b);
  assert.deepEqual(s.readCursor(), { cursorNs: 16_000_000_000n, seen: [], events: 8, lastEventNs: 16_000_000_000n });
  assert.deepEqual(s.eventCounts(0, 20_000, 20_000), [{ t: 0, count: 8 }]);
  assert.deepEqual(
    s.volumes(0, 20_000, 10_000, [stream]).map((r) => [r.t, r.cluster, r.count]),
    [
      [0, -1, 3],
      [10_000, -1, 5],
    ],
  );
  assert.deepEqual(s.volumes(0, 20_000, 10_000, []), []);
  s.replaceClusters([{ patternKey: 2, cluster: 0, x: 1, y: 2 }], [{ id: 0, label: 'two', size: 5, patterns: 1, topEntities: [] }]);
  assert.deepEqual(
    s.volumes(10_000, 20_000, 10_000).map((r) => r.cluster),
    [0],
  );
  assert.equal(s.entityTotals('ip', '10.0.0.1', 0), 3);
  // Newest first, paged by (time, id) without repeats.
  const first = s.outliers(0, 20_000, 2);
  const rest = s.outliers(0, 20_000, 2, { timeMs: first[1].timeMs, id: first[1].id! });
  assert.deepEqual(
    [...first, ...rest].map((o) => o.patternId),
    ['p3', 'p2', 'p1'],
  );
  assert.deepEqual(s.outlierCounts(0, 20_000, 10_000, ['p2']), [
    { t: 0, count: 1 },
    { t: 10_000, count: 1 },
  ]);
  b.close();
});

test('a template merged during ingest moves its counts, entity tallies and outliers to the template it joined, in the same commit', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-ws-')), 'w');
  let b = Baseline.open(dir, { create: true, patternOptions: MERGING_PATTERN_OPTIONS });
  let s = new SqliteWatchStore(b);
  const stream = s.streamId('{job="w"}');
  const add = (word: string, seq: number) =>
    b.patterns.add(
      { raw: `worker ${word} ready`, text: `worker ${word} ready`, labels: {}, metadata: {}, seq, origin: 'w', timestampNs: BigInt(seq) * 1_000_000_000n },
      { canonical: `worker ${word} ready`, entities: [] },
    ).pattern;
  const alpha = add('alpha', 1);
  const beta = add('beta', 2);
  s.commitIngest({
    buckets: [
      { bucketMs: 0, patternKey: alpha.key, streamId: stream, count: 1 },
      { bucketMs: 0, patternKey: beta.key, streamId: stream, count: 1 },
    ],
    entities: [{ bucketMs: 0, kind: 'ip', value: '10.0.0.1', patternKey: beta.key, count: 1 }],
    links: [],
    outliers: [outlier(2000, beta.id)],
    cursor: { cursorNs: 2_000_000_000n, seen: [], events: 2, lastEventNs: 2_000_000_000n },
  });
  // The third word opens the position: beta joins alpha. This batch still names beta's key.
  const gamma = add('gamma', 3);
  assert.equal(gamma, alpha);
  s.commitIngest({
    buckets: [{ bucketMs: 0, patternKey: beta.key, streamId: stream, count: 1 }],
    entities: [],
    links: [],
    outliers: [],
    cursor: { cursorNs: 3_000_000_000n, seen: [], events: 3, lastEventNs: 3_000_000_000n },
  });
  b.close();

  b = Baseline.open(dir, { patternOptions: MERGING_PATTERN_OPTIONS });
  s = new SqliteWatchStore(b);
  const rows = b.database.prepare('SELECT pattern_key, count FROM buckets').all() as Array<{ pattern_key: number; count: number }>;
  assert.deepEqual(rows, [{ pattern_key: alpha.key, count: 3 }]);
  assert.equal(s.entityTotals('ip', '10.0.0.1', 0), 1);
  assert.deepEqual(
    (b.database.prepare('SELECT pattern_key FROM entity_buckets').all() as Array<{ pattern_key: number }>).map((r) => r.pattern_key),
    [alpha.key],
  );
  assert.deepEqual(
    s.outliers(0, 10_000, 10).map((o) => o.patternId),
    [alpha.id],
  );
  assert.equal(b.patterns.getById(beta.id)!.id, alpha.id);
  assert.equal(b.patterns.getById(alpha.id)!.count, 3);
  assert.equal(b.patterns.size, 1);
  b.close();
});

test('per-pattern counts by window and by step; feedback deleted by id', () => {
  const b = Baseline.open(join(mkdtempSync(join(tmpdir(), 'logatlas-ws-')), 'w'), { create: true });
  const s = new SqliteWatchStore(b);
  const st = s.streamId('{a="b"}');
  const other = s.streamId('{a="c"}');
  s.commitIngest({
    buckets: [
      { bucketMs: 0, patternKey: 1, streamId: st, count: 3 },
      { bucketMs: 0, patternKey: 1, streamId: other, count: 2 },
      { bucketMs: 10_000, patternKey: 2, streamId: st, count: 4 },
      { bucketMs: 60_000, patternKey: 1, streamId: st, count: 7 },
    ],
    entities: [],
    links: [],
    outliers: [],
    cursor: { cursorNs: 70_000_000_000n, seen: [], events: 16, lastEventNs: 60_000_000_000n },
  });
  assert.deepEqual([...s.patternCounts(0, 60_000)].sort(), [
    [1, 5],
    [2, 4],
  ]);
  // A window starting inside a bucket counts that bucket (counts are kept per bucket).
  assert.deepEqual([...s.patternCounts(15_000, 70_000)].sort(), [
    [1, 7],
    [2, 4],
  ]);
  assert.deepEqual(
    s
      .patternStepCounts(0, 120_000, 60_000)
      .map((r) => [r.t, r.patternKey, r.count])
      .sort(),
    [
      [0, 1, 5],
      [0, 2, 4],
      [60_000, 1, 7],
    ],
  );
  s.addFeedback({ id: 'f1', kind: 'suppress_pattern', target: 'p1', note: null, createdMs: 1, patternIds: ['p1'] });
  const v = s.version;
  assert.equal(s.deleteFeedback('nope'), false);
  assert.equal(s.version, v, 'nothing deleted, nothing changed');
  assert.equal(s.deleteFeedback('f1'), true);
  assert.ok(s.version > v);
  assert.deepEqual(s.feedback(), []);
  // The same store opened again (a watch restarted with a new query) never reuses a version of the one
  // before: answers cached or tagged under those versions cannot be taken for its own.
  const again = new SqliteWatchStore(b);
  for (const version of ['version', 'clustersVersion', 'feedbackVersion'] as const) assert.ok(again[version] > s.version, version);
  b.close();
});

test('moving a merged template finds its rows by index, never by scanning a whole table', () => {
  const b = Baseline.open(join(mkdtempSync(join(tmpdir(), 'logatlas-ws-')), 'w'), { create: true });
  new SqliteWatchStore(b);
  // The lookups movePatternRows makes, each as SQLite plans it.
  const lookups = [
    ...['buckets', 'buckets_5m', 'buckets_1h', 'buckets_1d', 'entity_buckets'].map((t) => `SELECT * FROM ${t} WHERE pattern_key = 7`),
    "SELECT * FROM outliers WHERE pattern_id = 'p'",
    "SELECT * FROM outliers WHERE nearest_pattern_id = 'p'",
  ];
  for (const sql of lookups) {
    const plan = (b.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    assert.match(plan, /USING (COVERING )?INDEX \w+_(pattern|nearest_pattern) /, `${sql}: ${plan}`);
  }
  b.close();
});

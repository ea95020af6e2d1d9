import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../cluster/rng.js';
import { Baseline, DATABASE_FILE } from './baseline.js';
import { seriesSnapshot } from './cluster-series.js';
import { PAST_BUCKETS } from './past-buckets.js';
import { openDatabase } from './database.js';
import { MERGING_PATTERN_OPTIONS, volumesFromFineRows } from './store-fixtures.js';
import { SqliteWatchStore, writeClusters, type OutlierRecord } from './watch-store.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const sorted = (rows: Array<{ t: number; cluster: number; count: number }>) => [...rows].sort((x, y) => x.t - y.t || x.cluster - y.cluster);

/**
 * Clusters picked (those with an odd total, so the choice depends on what `pick` is shown) get their own
 * points, equal to the fresh rows; every other cluster's events are added up per step in `rest`.
 */
function assertPickedAndRest(
  s: SqliteWatchStore,
  from: number,
  to: number,
  step: number,
  want: Array<{ t: number; cluster: number; count: number }>,
  msg: string,
) {
  const wantTotals = new Map<number, number>();
  for (const r of want) wantTotals.set(r.cluster, (wantTotals.get(r.cluster) ?? 0) + r.count);
  let shown: Map<number, number> | undefined;
  const { firstMs, sums } = s.volumePoints(from, to, step, undefined, (totals) => {
    shown = totals;
    return [...totals].filter(([, n]) => n % 2 === 1).map(([c]) => c);
  });
  assert.deepEqual(shown, wantTotals, `${msg}: totals shown to pick`);
  const picked = [...wantTotals].filter(([, n]) => n % 2 === 1).map(([c]) => c);
  assert.deepEqual(
    [...sums.picked.keys()].sort((x, y) => x - y),
    picked.sort((x, y) => x - y),
    `${msg}: picked`,
  );
  const rest = new Map<number, number>();
  for (const r of want) {
    const i = (r.t - firstMs) / step;
    if (sums.picked.has(r.cluster)) assert.equal(sums.picked.get(r.cluster)![i], r.count, `${msg}: cluster ${r.cluster} at ${r.t}`);
    else rest.set(i, (rest.get(i) ?? 0) + r.count);
  }
  sums.rest.forEach((n, i) => assert.equal(n, rest.get(i) ?? 0, `${msg}: rest at step ${i}`));
}

test('volumes kept in memory equal a fresh SQL sum while commits, merges and reclusterings (here and written by another connection) go on, and after reopening', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-series-')), 'w');
  let b = Baseline.open(dir, { create: true, patternOptions: MERGING_PATTERN_OPTIONS });
  let s = new SqliteWatchStore(b);
  const random = createRandom(11);
  const stream = s.streamId('{host="a"}');
  const families = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map((name, i) => (word: string) => `${name} ${'worker '.repeat(i)}${word} ready`);
  const words = ['red', 'green', 'blue', 'cyan', 'pink', 'gold'];
  const keys: number[] = [];
  let seq = 0;
  // Time moves forward by about 5 min a commit, over 3 days: the 10 s and 5 min windows move and drop buckets.
  let nowMs = 10 * DAY;
  const ranges = () => [
    [nowMs - HOUR, nowMs, 60_000],
    [nowMs - HOUR + 1234, nowMs + 5000, 10_000],
    [nowMs - DAY, nowMs, 300_000],
    [nowMs - DAY + 7000, nowMs, 300_000],
    [nowMs - 2 * DAY, nowMs, HOUR],
    [nowMs - 3 * DAY - 10_000, nowMs, 900_000],
    [nowMs - 10 * HOUR, nowMs, 15_000],
    // A step of no whole number of 10 s buckets, starting inside one: that bucket is before the first step.
    [nowMs - 2 * HOUR + 17_000, nowMs, 15_000],
  ];
  let compared = 0;
  const check = (when: string) => {
    for (const [from, to, step] of ranges()) {
      const firstMs = Math.floor(from / step) * step;
      const want = (volumesFromFineRows(b, from, to, step) as Array<{ t: number; cluster: number; count: number }>).filter((r) => r.t >= firstMs);
      assert.deepEqual(sorted(s.volumes(from, to, step)), want, `${when}: ${from}..${to} step ${step}`);
      compared += want.length;
      assertPickedAndRest(s, from, to, step, want, `${when}: ${from}..${to} step ${step}`);
    }
  };
  for (let commit = 0; commit < 900; commit++) {
    nowMs += 300_000;
    const fresh: number[] = [];
    if (commit % 10 === 0) {
      const line = families[Math.floor(random() * families.length)](words[Math.floor(random() * words.length)]);
      const { pattern } = b.patterns.add(
        { raw: line, text: line, labels: {}, metadata: {}, seq: ++seq, origin: 't', timestampNs: BigInt(nowMs) * 1_000_000n },
        { canonical: line, entities: [] },
      );
      keys.push(pattern.key);
      fresh.push(pattern.key);
    }
    const buckets = [...fresh, ...Array.from({ length: 5 }, () => keys[Math.floor(random() * keys.length)])].map((patternKey) => ({
      // Mostly the last minutes; now and then a late one from hours back.
      bucketMs: Math.floor((nowMs - (random() < 0.9 ? random() * 300_000 : random() * 8 * HOUR)) / 10_000) * 10_000,
      patternKey,
      streamId: stream,
      count: 1 + Math.floor(random() * 20),
    }));
    s.commitIngest({ buckets, entities: [], links: [], outliers: [], cursor: { cursorNs: BigInt(commit), seen: [], events: commit, lastEventNs: null } });
    if (commit % 150 === 149) {
      const live = [...new Set(keys.map((k) => b.patterns.resolveKey(k)))];
      const placements = live.map((k, i) => ({ patternKey: k, cluster: (i + commit) % 4 === 0 ? -1 : (i + commit) % 3, x: 0, y: 0 }));
      const clusters = [0, 1, 2].map((id) => ({ id, label: `c${id}`, size: 1, patterns: 1, topEntities: [] }));
      if (commit % 300 === 149) s.replaceClusters(placements, clusters);
      else {
        // As the service's clustering thread does: written and summed on another connection, installed here.
        const other = openDatabase(join(dir, DATABASE_FILE));
        writeClusters(other, placements, clusters);
        s.installClusters(placements, seriesSnapshot(other));
        other.close();
      }
    }
    if (commit % 37 === 0) check(`commit ${commit}`);
  }
  const merged = (b.database.prepare('SELECT COUNT(*) AS n FROM pattern_aliases').get() as { n: number }).n;
  assert.ok(merged >= 3, `${merged} templates merged`);
  assert.ok(compared > 2000, `${compared} rows compared`);
  check('at the end');
  b.close();
  b = Baseline.open(dir, { patternOptions: MERGING_PATTERN_OPTIONS });
  s = new SqliteWatchStore(b);
  check('reopened');
  b.close();
});

test('volumes of many clusters, some with large numbers, kept in memory equal a fresh SQL sum', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-series-')), 'w');
  const b = Baseline.open(dir, { create: true });
  const s = new SqliteWatchStore(b);
  const stream = s.streamId('{host="a"}');
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  // Letters only (a digit makes a token a value), four words unique to each line: 200 distinct templates.
  const word = (i: number) => `${letters[i % 26]}${letters[Math.floor(i / 26) % 26]}x${letters[(i * 7) % 26]}`;
  const keys = Array.from({ length: 200 }, (_, i) => {
    const line = `${word(i)} ${word(i + 211)} ${word(i + 419)} ${word(i + 631)} ready`;
    return b.patterns.add({ raw: line, text: line, labels: {}, metadata: {}, seq: i, origin: 't', timestampNs: 0n }, { canonical: line, entities: [] }).pattern
      .key;
  });
  assert.equal(new Set(keys).size, 200);
  const nowMs = 20 * DAY;
  const random = createRandom(5);
  for (let t = nowMs - DAY; t < nowMs; t += HOUR) {
    const buckets = Array.from({ length: 400 }, () => ({
      bucketMs: t + Math.floor(random() * 360) * 10_000,
      patternKey: keys[Math.floor(random() * keys.length)],
      streamId: stream,
      count: 1 + Math.floor(random() * 9),
    }));
    s.commitIngest({ buckets, entities: [], links: [], outliers: [], cursor: { cursorNs: BigInt(t), seen: [], events: 0, lastEventNs: null } });
  }
  // More clusters than share one buffer in `sums`, and numbers past those it finds by index.
  const clusterOf = (i: number) => (i % 17 === 0 ? -1 : i % 23 === 0 ? 70_000 + i : i % 29 === 0 ? 1_000_003 : i % 150);
  s.replaceClusters(
    keys.map((k, i) => ({ patternKey: k, cluster: clusterOf(i), x: 0, y: 0 })),
    [...new Set(keys.map((_, i) => clusterOf(i)).filter((c) => c >= 0))].map((id) => ({ id, label: `c${id}`, size: 1, patterns: 1, topEntities: [] })),
  );
  for (const [from, to, step] of [
    [nowMs - DAY + 7000, nowMs, 300_000],
    [nowMs - 6 * HOUR + 1234, nowMs, 60_000],
    [nowMs - DAY, nowMs, HOUR],
  ]) {
    const want = volumesFromFineRows(b, from, to, step);
    const clusters = new Set(want.map((r) => (r as { cluster: number }).cluster));
    assert.ok(clusters.size > 130 && clusters.has(-1) && clusters.has(1_000_003), `${clusters.size} clusters`);
    assert.deepEqual(sorted(s.volumes(from, to, step)), want, `${from}..${to} step ${step}`);
  }
  b.close();
});

test('stats reads come from memory and equal fresh SQL after ingest, reclustering and feedback', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-series-')), 'w');
  let b = Baseline.open(dir, { create: true });
  let s = new SqliteWatchStore(b);
  const outlier = (timeMs: number): OutlierRecord => ({
    timeMs,
    tsNs: `${timeMs}000000`,
    kind: 'distance',
    score: 0.5,
    reasons: ['far'],
    line: 'x',
    labels: {},
    patternId: null,
    nearestPatternId: null,
    nearestCanonical: null,
    distance: 0.5,
    cluster: null,
    rule: null,
  });
  const fresh = () => ({
    outliers: (b.database.prepare('SELECT COUNT(*) AS n FROM outliers').get() as { n: number }).n,
    clusters: (b.database.prepare('SELECT id FROM clusters ORDER BY size DESC').all() as Array<{ id: number }>).map((r) => r.id),
    feedback: (b.database.prepare('SELECT id FROM feedback ORDER BY created_ms').all() as Array<{ id: string }>).map((r) => r.id),
  });
  const fromMemory = () => ({ outliers: s.outlierTotal(), clusters: s.clusters().map((c) => c.id), feedback: s.feedback().map((f) => f.id) });
  for (let i = 0; i < 5; i++) {
    s.commitIngest({
      buckets: [],
      entities: [],
      links: [],
      outliers: Array.from({ length: i + 1 }, (_, j) => outlier(i * 1000 + j)),
      cursor: { cursorNs: BigInt(i), seen: [], events: i, lastEventNs: null },
    });
    s.replaceClusters(
      [],
      Array.from({ length: i + 1 }, (_, id) => ({ id, label: `c${id}`, size: id * 10, patterns: 1, topEntities: [] })),
    );
    s.addFeedback({ id: `f${i}`, kind: 'suppress_pattern', target: 'p', note: null, createdMs: i, patternIds: ['p'] });
    assert.deepEqual(fromMemory(), fresh(), `after round ${i}`);
    assert.equal(s.clusterCount(), i + 1);
  }
  assert.equal(s.outlierTotal(), 15);
  b.close();
  b = Baseline.open(dir);
  s = new SqliteWatchStore(b);
  assert.deepEqual(fromMemory(), fresh(), 'reopened');
  assert.equal(s.outlierTotal(), 15);
  b.close();
});

test('the far edge of a day, kept once read, follows late lines, reclusterings and merges, and stays right as the range moves', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-series-')), 'w');
  const b = Baseline.open(dir, { create: true, patternOptions: MERGING_PATTERN_OPTIONS });
  const s = new SqliteWatchStore(b);
  const stream = s.streamId('{host="a"}');
  const random = createRandom(3);
  const lines = ['disk alpha full', 'fan bravo slow', 'link charlie down', 'user delta login', 'user echo login'];
  const keys = lines.map(
    (line, i) =>
      b.patterns.add({ raw: line, text: line, labels: {}, metadata: {}, seq: i, origin: 't', timestampNs: 0n }, { canonical: line, entities: [] }).pattern.key,
  );
  const nowMs = 30 * DAY;
  let commits = 0;
  const commit = (buckets: Array<{ bucketMs: number; patternKey: number; count: number }>) =>
    s.commitIngest({
      buckets: buckets.map((x) => ({ ...x, streamId: stream })),
      entities: [],
      links: [],
      outliers: [],
      cursor: { cursorNs: BigInt(++commits), seen: [], events: 0, lastEventNs: null },
    });
  // Every 10 s bucket of the last 26 h holds a few events.
  for (let t = nowMs - 26 * HOUR; t < nowMs; t += HOUR) {
    commit(
      Array.from({ length: 360 }, (_, j) => ({
        bucketMs: t + j * 10_000,
        patternKey: keys[Math.floor(random() * keys.length)],
        count: 1 + Math.floor(random() * 5),
      })),
    );
  }
  const place = (shift: number) =>
    [...new Set(keys.map((k) => b.patterns.resolveKey(k)))].map((k, i) => ({ patternKey: k, cluster: (i + shift) % 3, x: 0, y: 0 }));
  const clusters = [0, 1, 2].map((id) => ({ id, label: `c${id}`, size: 1, patterns: 1, topEntities: [] }));
  s.replaceClusters(place(0), clusters);
  // A day at 5 min starting 7 s past a 5 min boundary: its first step's 10 s buckets (older than the
  // 6 h kept in memory) are the far edge; the range moves by 20 s between reads, as a refreshed panel's.
  let from = nowMs - DAY - 5 * 60_000 + 7000;
  const read = (when: string) => {
    const want = volumesFromFineRows(b, from, nowMs, 300_000);
    assert.deepEqual(sorted(s.volumes(from, nowMs, 300_000)), want, when);
    const firstStep = (want as Array<{ t: number }>).filter((r) => r.t === Math.floor(from / 300_000) * 300_000);
    assert.ok(firstStep.length > 0, `${when}: the far edge has events`);
    from += 20_000;
  };
  read('first read');
  read('moved, mostly kept');
  // A late line into a bucket of the far edge already kept.
  commit([{ bucketMs: Math.floor((from + 30_000) / 10_000) * 10_000, patternKey: keys[2], count: 1000 }]);
  read('after a late line');
  s.replaceClusters(place(1), clusters);
  read('after a reclustering');
  const other = openDatabase(join(dir, DATABASE_FILE));
  const placements = place(2);
  writeClusters(other, placements, clusters);
  s.installClusters(placements, seriesSnapshot(other));
  other.close();
  read('after a clustering written by another connection');
  // Templates of two clusters merged (a third value makes the word a parameter): far-edge events move.
  assert.equal(keys.length, new Set(keys.map((k) => b.patterns.resolveKey(k))).size, 'no template merged yet');
  const before = b.database.prepare('SELECT COUNT(*) AS n FROM pattern_aliases').get() as { n: number };
  for (let i = 0; i < 3; i++) {
    const line = `user ${['fox', 'golf', 'hotel'][i]} login`;
    const { pattern } = b.patterns.add(
      { raw: line, text: line, labels: {}, metadata: {}, seq: 100 + i, origin: 't', timestampNs: 0n },
      { canonical: line, entities: [] },
    );
    commit([{ bucketMs: nowMs - 10_000, patternKey: pattern.key, count: 1 }]);
  }
  const after = b.database.prepare('SELECT COUNT(*) AS n FROM pattern_aliases').get() as { n: number };
  assert.ok(after.n > before.n, 'templates merged');
  read('after merges');
  for (let i = 0; i < 40; i++) read(`moving read ${i}`);
  // Far edges 5 min apart until exactly PAST_BUCKETS are kept (after a clustering, which lets go of those
  // read before), the first read (28 buckets) the oldest; then the first read 10 s earlier: one bucket
  // more, so one is let go, from the very buckets that read needs.
  s.replaceClusters(place(0), clusters);
  const day = (start: number, when: string) => assert.deepEqual(sorted(s.volumes(start, nowMs, 300_000)), volumesFromFineRows(b, start, nowMs, 300_000), when);
  const placeAt = (i: number) => nowMs - DAY - 6 * HOUR + i * 5 * 60_000;
  day(placeAt(0) + 20_000, 'far edge 0');
  let kept = 28;
  let i = 1;
  for (; kept + 29 <= PAST_BUCKETS; i++, kept += 29) day(placeAt(i) + 10_000, `far edge ${i}`);
  day(placeAt(i) + (30 - (PAST_BUCKETS - kept)) * 10_000, `far edge ${i}, its last ${PAST_BUCKETS - kept} buckets`);
  day(placeAt(0) + 10_000, 'the first far edge, one bucket earlier');
  // And the first ones again after every other read went round (let go, read again where missing).
  for (let j = 0; j < 50; j++) day(placeAt(j % 40) + 10_000 * (j % 3), `round ${j}`);
  b.close();
});

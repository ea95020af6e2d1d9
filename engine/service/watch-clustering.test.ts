import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../cluster/rng.js';
import { Baseline, DATABASE_FILE } from '../store/baseline.js';
import { seriesSnapshot } from '../store/cluster-series.js';
import { openDatabase } from '../store/database.js';
import { volumesFromFineRows } from '../store/store-fixtures.js';
import { SqliteWatchStore } from '../store/watch-store.js';
import { clusterWatch } from './watch-clustering.js';
import { watchBaselineConfig } from './watch-config.js';

const DIM = 8;
const HOUR = 3_600_000;

/** A watch store of three families of templates (vectors around three directions), counted over 2 hours. */
function watchStore() {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-clustering-')), 'w');
  const b = Baseline.open(dir, { create: true });
  b.ensureConfig(watchBaselineConfig({ model: 'test-model', dtype: 'fp32', dim: DIM, maxTokens: 128 }));
  const s = new SqliteWatchStore(b);
  const random = createRandom(5);
  const families = ['disk', 'login', 'network'];
  const words = ['amber', 'basil', 'cedar', 'dune', 'ember', 'fjord', 'grove', 'heath', 'inlet', 'jade', 'kelp', 'lotus'];
  const keys: number[] = [];
  families.forEach((family, f) => {
    words.forEach((word, w) => {
      const line = `${family} ${word} ${words[(w + 5) % words.length]} event`;
      const { pattern } = b.patterns.add({ raw: line, text: line, labels: {}, metadata: {}, seq: keys.length, origin: 't' }, { canonical: line, entities: [] });
      const vector = Float32Array.from({ length: DIM }, (_, d) => (d === f ? 1 : 0) + 0.05 * (random() - 0.5));
      b.addVectors([{ key: pattern.key, canonical: pattern.canonical, vector }]);
      keys.push(pattern.key);
    });
  });
  const stream = s.streamId('{host="a"}');
  const nowMs = 100 * HOUR;
  const buckets = Array.from({ length: 400 }, () => ({
    bucketMs: Math.floor((nowMs - random() * 2 * HOUR) / 10_000) * 10_000,
    patternKey: keys[Math.floor(random() * keys.length)],
    streamId: stream,
    count: 1 + Math.floor(random() * 9),
  }));
  s.commitIngest({ buckets, entities: [], links: [], outliers: [], cursor: { cursorNs: 1n, seen: [], events: 1, lastEventNs: null } });
  return { dir, b, s, keys, nowMs };
}

test('a clustering computed and written by the worker thread is what the store then holds and answers', async () => {
  const { dir, b, s, keys, nowMs } = watchStore();
  const job = clusterWatch(join(dir, DATABASE_FILE));
  const computed = await job.computed;
  assert.equal(computed.patterns, keys.length);
  assert.ok(computed.clusters >= 2, `${computed.clusters} clusters`);
  // A template merged into another after the worker read them, as a commit writes it (savePatterns).
  const [gone, kept] = [keys[1], keys[0]];
  const goneId = b.patterns.getByKey(gone)!.id;
  b.database.prepare('DELETE FROM patterns WHERE key = ?').run(gone);
  b.database.prepare('INSERT INTO pattern_aliases (id, key, into_key) VALUES (?, ?, ?)').run(goneId, gone, kept);

  const written = await job.write();
  const stored = b.database.prepare('SELECT pattern_key, cluster, x, y FROM pattern_clusters ORDER BY pattern_key').all() as Array<{
    pattern_key: number;
    cluster: number;
    x: number;
    y: number;
  }>;
  assert.deepEqual(
    stored.map((r) => ({ patternKey: r.pattern_key, cluster: r.cluster, x: r.x, y: r.y })),
    [...written.placements.values()].sort((p, q) => p.patternKey - q.patternKey),
  );
  assert.equal(stored.length, keys.length - 1, 'the merged key is not placed');
  assert.ok(!written.placements.has(gone) && written.placements.has(kept));
  // Templates of one family share a cluster and the three families are apart.
  const clusterOfFamily = [0, 1, 2].map(
    (f) => new Set(keys.slice(f * 12, f * 12 + 12).flatMap((k) => (k === gone ? [] : [written.placements.get(k)!.cluster]))),
  );
  for (const c of clusterOfFamily) assert.equal(c.size, 1, `one cluster per family: ${[...c]}`);
  assert.equal(new Set(clusterOfFamily.map((c) => [...c][0])).size, 3);
  const records = b.database.prepare('SELECT id, label FROM clusters ORDER BY id').all() as Array<{ id: number; label: string }>;
  assert.deepEqual(
    records.map((r) => r.id),
    written.clusters.map((c) => c.id).sort((x, y) => x - y),
  );
  assert.ok(
    records.some((r) => /login/.test(r.label)),
    JSON.stringify(records),
  );
  // The sums handed over are what this connection reads now, and installed they answer as fresh SQL does.
  const other = openDatabase(join(dir, DATABASE_FILE));
  assert.deepEqual(written.series, seriesSnapshot(other));
  other.close();
  s.installClusters(written.placements.values(), written.series);
  const want = volumesFromFineRows(b, nowMs - 3 * HOUR, nowMs + 10_000, 300_000);
  assert.ok(want.length > 10 && want.every((r) => (r as { cluster: number }).cluster >= -1));
  const got = [...s.volumes(nowMs - 3 * HOUR, nowMs + 10_000, 300_000)].sort((x, y) => x.t - y.t || x.cluster - y.cluster);
  assert.deepEqual(got, want);
  b.close();
});

test('a clustering stopped before it is written ends its worker and writes nothing', async () => {
  const { dir, b } = watchStore();
  const stop = new AbortController();
  const job = clusterWatch(join(dir, DATABASE_FILE), stop.signal);
  stop.abort();
  await assert.rejects(job.computed, /clustering stopped/);
  await assert.rejects(job.write(), /clustering stopped/);
  assert.equal((b.database.prepare('SELECT COUNT(*) AS n FROM pattern_clusters').get() as { n: number }).n, 0);
  b.close();
});

test('a store the worker cannot cluster is a clear error', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-clustering-')), 'w');
  Baseline.open(dir, { create: true }).close();
  await assert.rejects(clusterWatch(join(dir, DATABASE_FILE)).computed, /clustering failed: the watch has no baseline config yet/);
});

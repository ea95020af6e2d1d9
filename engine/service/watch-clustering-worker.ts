// The thread a watch's clustering runs in, on its own connection to the watch's store: it reads the
// templates and their vectors, clusters and lays them out (HDBSCAN, UMAP), describes the clusters, and,
// when the runner says so (its ingest paused), writes the result and reads the sums per cluster the
// in-memory series start from. None of it runs on the thread that answers HTTP: with 100,000 templates
// reading the vectors alone took 5 s there (bench/parts/service-api.mjs --ingest-rate).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { embeddingText } from '../canonical/embedding-text.js';
import { clusterPatterns } from '../cluster/cluster-patterns.js';
import { describeClusters } from '../cluster/describe-clusters.js';
import type { Pattern } from '../patterns/pattern.js';
import { baselineVectorKey, type BaselineConfig } from '../store/baseline.js';
import { seriesSnapshot } from '../store/cluster-series.js';
import { openDatabase } from '../store/database.js';
import { PatternStore } from '../store/pattern-store.js';
import { SettingsStore } from '../store/settings-store.js';
import { SqliteVectorCache } from '../store/vector-cache.js';
import { writeClusters, type ClusterRecord, type PatternPlacement } from '../store/watch-store.js';
import type { ClusteringJob, ClusteringReply, PlacementColumns } from './watch-clustering.js';

/** Entity values kept per cluster record (the most frequent across kinds). */
const TOP_ENTITIES = 5;

/** The options every watch clustering uses (the same as `logatlas analyze`'s defaults). */
const WATCH_CLUSTERING = { method: 'hdbscan', project: true, seed: 42 } as const;

/**
 * On Linux, this thread (and the kNN threads it starts) yield the CPU to the rest of the process: on a
 * small machine a clustering of 100,000 templates keeps a core busy for a minute, and HTTP answers and
 * ingest must not queue behind it. Linux gives each thread its own nice value (setpriority on its id).
 */
function yieldCpu(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // not allowed or not there: the clustering only runs at normal priority
  }
}

function compute(dbPath: string) {
  const db = openDatabase(dbPath);
  const config = new SettingsStore(db).get<BaselineConfig>('baseline');
  if (!config) throw new Error('the watch has no baseline config yet');
  const all = new PatternStore(db).loadAll();
  const cached = new SqliteVectorCache(db).getMany(
    baselineVectorKey(config),
    config.dtype,
    all.map((p) => embeddingText(p.canonical)),
  );
  // Templates not embedded yet (new since the last batch, or refined) wait for the next clustering.
  const patterns: Pattern[] = [];
  const flat = new Float32Array(all.length * config.dim);
  for (const p of all) {
    const v = cached.get(embeddingText(p.canonical));
    if (!v) continue;
    flat.set(v, patterns.length * config.dim);
    patterns.push(p);
  }
  const n = patterns.length;
  const vectors = flat.subarray(0, n * config.dim);
  let labels: Int32Array;
  let nClusters = 0;
  let layout: Float32Array;
  if (n < 4) {
    // Too few to cluster or lay out: noise, spread on a line so the scatter still shows each.
    labels = new Int32Array(n).fill(-1);
    layout = new Float32Array(n * 2).map((_, i) => (i % 2 === 0 ? i / 2 : 0));
  } else {
    const result = clusterPatterns(
      vectors,
      config.dim,
      patterns.map((p) => p.count),
      WATCH_CLUSTERING,
    );
    labels = result.labels;
    nClusters = result.nClusters;
    layout = result.layout ?? new Float32Array(n * 2);
  }
  const clusters: ClusterRecord[] = describeClusters(patterns, { labels, nClusters }, { vectors, dim: config.dim, entitiesPerKind: TOP_ENTITIES })
    .map((d) => ({ id: d.id, label: d.label, size: d.size, patterns: d.patterns, topEntities: d.topEntities.slice(0, TOP_ENTITIES) }))
    .sort((a, b) => b.size - a.size);
  const placements: PatternPlacement[] = patterns.map((p, i) => ({ patternKey: p.key, cluster: labels[i], x: layout[2 * i], y: layout[2 * i + 1] }));
  return { db, placements, clusters };
}

/**
 * Writes the clustering, with the keys of templates merged since they were read resolved to the template
 * each joined (the first placement of a key wins), then reads the sums the series start from. The
 * runner holds its ingest back meanwhile, so both see the same commits.
 */
function write({ db, placements, clusters }: ReturnType<typeof compute>): Extract<ClusteringReply, { kind: 'written' }> {
  const into = new Map(new PatternStore(db).loadAliases().map((a) => [a.key, a.intoKey]));
  const live = new Map<number, PatternPlacement>();
  for (const p of placements) {
    const key = into.get(p.patternKey) ?? p.patternKey;
    if (!live.has(key)) live.set(key, { ...p, patternKey: key });
  }
  writeClusters(db, live.values(), clusters);
  const series = seriesSnapshot(db);
  const columns: PlacementColumns = {
    keys: new Int32Array(live.size),
    clusters: new Int32Array(live.size),
    x: new Float64Array(live.size),
    y: new Float64Array(live.size),
  };
  let i = 0;
  for (const p of live.values()) {
    columns.keys[i] = p.patternKey;
    columns.clusters[i] = p.cluster;
    columns.x[i] = p.x;
    columns.y[i] = p.y;
    i++;
  }
  db.close();
  return { kind: 'written', placements: columns, clusters, series };
}

function buffersOf(reply: Extract<ClusteringReply, { kind: 'written' }>): ArrayBuffer[] {
  const { keys, clusters, x, y } = reply.placements;
  return [keys, clusters, x, y, ...reply.series.levels.map((l) => l.triples)].map((a) => a.buffer as ArrayBuffer);
}

const port = parentPort!;
const job = workerData as ClusteringJob;
yieldCpu();
try {
  const computed = compute(job.dbPath);
  port.postMessage({ kind: 'computed', patterns: computed.placements.length, clusters: computed.clusters.length } satisfies ClusteringReply);
  port.once('message', () => {
    let reply: ClusteringReply;
    try {
      reply = write(computed);
    } catch (err) {
      reply = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply, reply.kind === 'written' ? buffersOf(reply) : []);
  });
} catch (err) {
  port.postMessage({ kind: 'failed', error: err instanceof Error ? err.message : String(err) } satisfies ClusteringReply);
}

// Events per cluster and time bucket of the recent past, kept in memory so that the panel and alert reads
// of volumes and event counts (the last hours, the last day) add up a few thousand numbers instead of
// grouping every stored bucket in SQL on the thread that answers HTTP. Three widths, each kept for as
// long as a panel at that step usually looks back: 10 s for 6 h, 5 min for 2 days, 1 h for 30 days.
// What a read needs from further back (or a read filtered by stream labels) comes from SQL (watch-store.ts).
//
// Filled from the coarse bucket tables when first read, added to by every commit after it is written,
// and read again from SQL when the pattern → cluster map changes (a reclustering, templates merged into
// others), since counts per cluster cannot be moved without the per-pattern rows.
import { BUCKET_MS } from './coarse-buckets.js';
import type { SqliteDatabase } from './database.js';

const HOUR = 3_600_000;
/** Cluster numbers below this find their arrays by index in `sums`. */
const DENSE_CLUSTERS = 1 << 16;
/** Arrays per shared buffer in `sums`. */
const POOL_ARRAYS = 64;
const DAY = 24 * HOUR;

interface Level {
  ms: number;
  keepMs: number;
  table: string;
  /** Buckets starting before this are not kept (moves forward with the newest bucket). */
  fromMs: number;
  /** Bucket start → cluster → events. */
  buckets: Map<number, Map<number, number>>;
  /**
   * The same counts as typed arrays, made when a read first walks a bucket and dropped when a commit
   * adds to it: a day at 5 min walks ~86,000 counts, which Map iteration made a third of the request.
   */
  packed: Map<number, { clusters: Int32Array; counts: Float64Array }>;
}

/** Coarsest first, like COARSE_LEVELS. */
const LEVELS: ReadonlyArray<Pick<Level, 'ms' | 'keepMs' | 'table'>> = [
  { ms: HOUR, keepMs: 30 * DAY, table: 'buckets_1h' },
  { ms: 300_000, keepMs: 2 * DAY, table: 'buckets_5m' },
  { ms: BUCKET_MS, keepMs: 6 * HOUR, table: 'buckets' },
];

export class ClusterSeries {
  private levels: Level[] | undefined;
  private clusterOf = new Map<number, number>();
  private newestMs = -Infinity;

  constructor(private readonly db: SqliteDatabase) {}

  /** Forgets everything: the next read loads from SQL (after the pattern → cluster map changed). */
  invalidate(): void {
    this.levels = undefined;
  }

  /**
   * A template merged into another: its counts now count as the other's. Only when the two were in
   * different clusters do the sums per cluster change, and then they are read again; templates made
   * since the last clustering (no cluster yet) merge without that.
   */
  merged(fromKey: number, intoKey: number): void {
    if (!this.levels) return;
    if ((this.clusterOf.get(fromKey) ?? -1) !== (this.clusterOf.get(intoKey) ?? -1)) this.invalidate();
    this.clusterOf.delete(fromKey);
  }

  /** Events of a committed 10 s bucket row (pattern key already resolved). Ignored until loaded. */
  add(bucketMs: number, patternKey: number, count: number): void {
    if (!this.levels) return;
    if (bucketMs > this.newestMs) this.advance(bucketMs);
    const cluster = this.clusterOf.get(patternKey) ?? -1;
    for (const level of this.levels) {
      const start = Math.floor(bucketMs / level.ms) * level.ms;
      if (start < level.fromMs) continue;
      let byCluster = level.buckets.get(start);
      if (!byCluster) level.buckets.set(start, (byCluster = new Map()));
      byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + count);
      level.packed.delete(start);
    }
  }

  /**
   * Events per cluster (−1: in no cluster) of the 10 s buckets starting in [fromMs, toMs), added up per
   * step: point i of a cluster's array is the step starting at firstMs + i × stepMs (buckets of steps
   * outside those points are left out). Parts of the range older than a level keeps (the far edge of a
   * day at a 5 min step, say) come from `older`, which reads them from SQL per pattern: their cluster is
   * looked up here, in the map the sums are kept by, rather than joined in SQL.
   */
  sums(
    fromMs: number,
    toMs: number,
    stepMs: number,
    firstMs: number,
    older: (fromMs: number, toMs: number) => Array<{ t: number; patternKey: number; count: number }>,
  ): Map<number, Float64Array> {
    const levels = this.load();
    const n = Math.max(0, Math.ceil((toMs - firstMs) / stepMs));
    const out = new Map<number, Float64Array>();
    // A day at 5 min visits ~100,000 (bucket, cluster) counts: each finds its cluster's array in a plain
    // array by cluster number (clusters are small numbers, −1 for none) rather than in the Map, and the
    // arrays are slices of a few shared buffers, not one allocation each.
    const byNumber: Array<Float64Array | undefined> = [];
    const dense = (cluster: number) => cluster >= -1 && cluster < DENSE_CLUSTERS;
    let pool = new Float64Array(0);
    let pooled = POOL_ARRAYS;
    const create = (cluster: number) => {
      if (pooled === POOL_ARRAYS) {
        pool = new Float64Array(n * POOL_ARRAYS);
        pooled = 0;
      }
      const points = pool.subarray(pooled * n, ++pooled * n);
      out.set(cluster, points);
      if (dense(cluster)) byNumber[cluster + 1] = points;
      return points;
    };
    const pointsOf = (cluster: number) => (dense(cluster) ? byNumber[cluster + 1] : out.get(cluster)) ?? create(cluster);
    for (const { level, fromMs: a, toMs: b } of spansOver(
      fromMs,
      toMs,
      levels.filter((l) => stepMs % l.ms === 0 || l.ms === BUCKET_MS),
    )) {
      if (a < level.fromMs) {
        const kept = Math.min(b, level.fromMs);
        for (const r of older(a, kept)) {
          const i = (r.t - firstMs) / stepMs;
          if (i >= 0 && i < n) pointsOf(this.clusterOf.get(r.patternKey) ?? -1)[i] += r.count;
        }
        if (kept >= b) continue;
      }
      const from = Math.max(a, level.fromMs);
      const visit = (start: number, byCluster: Map<number, number>) => {
        const i = (Math.floor(start / stepMs) * stepMs - firstMs) / stepMs;
        if (i < 0 || i >= n) return;
        let packed = level.packed.get(start);
        if (!packed) {
          packed = { clusters: Int32Array.from(byCluster.keys()), counts: Float64Array.from(byCluster.values()) };
          level.packed.set(start, packed);
        }
        const { clusters, counts } = packed;
        for (let j = 0; j < clusters.length; j++) pointsOf(clusters[j])[i] += counts[j];
      };
      // Walk the range's bucket starts or the kept buckets, whichever are fewer.
      const first = Math.ceil(from / level.ms) * level.ms;
      if ((b - first) / level.ms <= level.buckets.size) {
        for (let start = first; start < b; start += level.ms) {
          const byCluster = level.buckets.get(start);
          if (byCluster) visit(start, byCluster);
        }
      } else {
        for (const [start, byCluster] of level.buckets) if (start >= from && start < b) visit(start, byCluster);
      }
    }
    return out;
  }

  private load(): Level[] {
    if (this.levels) return this.levels;
    const rows = this.db.prepare('SELECT pattern_key, cluster FROM pattern_clusters').all() as Array<{ pattern_key: number; cluster: number }>;
    const read = readLevels(this.db);
    this.clusterOf = new Map(rows.map((r) => [r.pattern_key, r.cluster]));
    this.newestMs = read.newestMs;
    this.levels = read.levels;
    return read.levels;
  }

  /**
   * Takes sums read by another connection (seriesSnapshot) after it wrote a new pattern → cluster map,
   * with that map: what a clustering written off the HTTP thread hands over instead of the SQL being run
   * here. The caller makes sure nothing was committed in between.
   */
  install(snapshot: SeriesSnapshot, clusterOf: Map<number, number>): void {
    this.clusterOf = clusterOf;
    this.newestMs = snapshot.newestMs;
    this.levels = LEVELS.map((l, i) => {
      const { fromMs, triples } = snapshot.levels[i];
      const buckets = new Map<number, Map<number, number>>();
      for (let j = 0; j < triples.length; j += 3) {
        let byCluster = buckets.get(triples[j]);
        if (!byCluster) buckets.set(triples[j], (byCluster = new Map()));
        byCluster.set(triples[j + 1], triples[j + 2]);
      }
      return { ...l, fromMs, buckets, packed: new Map() };
    });
  }

  /** A newer bucket arrived: each level's window moves with it and drops what fell out. */
  private advance(newestMs: number): void {
    this.newestMs = newestMs;
    for (const level of this.levels!) {
      const from = keptFrom(newestMs, level);
      if (from <= level.fromMs) continue;
      level.fromMs = from;
      for (const start of level.buckets.keys()) if (start < from) level.buckets.delete(start);
      for (const start of level.packed.keys()) if (start < from) level.packed.delete(start);
    }
  }
}

/** Every level's sums per bucket and cluster, as flat (start, cluster, events) triples that cross threads without copying. */
export interface SeriesSnapshot {
  newestMs: number;
  levels: Array<{ fromMs: number; triples: Float64Array }>;
}

/** The sums ClusterSeries would load, read on any connection to the store (a worker's, say). */
export function seriesSnapshot(db: SqliteDatabase): SeriesSnapshot {
  const { newestMs, levels } = readLevels(db);
  return {
    newestMs,
    levels: levels.map((level) => {
      let n = 0;
      for (const byCluster of level.buckets.values()) n += byCluster.size;
      const triples = new Float64Array(3 * n);
      let j = 0;
      for (const [start, byCluster] of level.buckets) {
        for (const [cluster, count] of byCluster) {
          triples[j++] = start;
          triples[j++] = cluster;
          triples[j++] = count;
        }
      }
      return { fromMs: level.fromMs, triples };
    }),
  };
}

/** Sums per level from the coarse tables and pattern_clusters. */
function readLevels(db: SqliteDatabase): { newestMs: number; levels: Level[] } {
  const newest = (db.prepare('SELECT MAX(bucket_ms) AS t FROM buckets').get() as { t: number | null }).t;
  const newestMs = newest ?? -Infinity;
  const levels: Level[] = LEVELS.map((l) => ({ ...l, fromMs: keptFrom(newestMs, l), buckets: new Map(), packed: new Map() }));
  // Finest first: where a coarser level's window overlaps a finer one's, its buckets are sums of the
  // finer ones already in memory, and SQL is read only for what lies before the finer window.
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    const finer = levels[i + 1];
    const from = Number.isFinite(level.fromMs) ? level.fromMs : 0;
    // The finer level's window, widened to whole buckets of this one.
    const derivedFrom = finer && Number.isFinite(finer.fromMs) ? Math.ceil(finer.fromMs / level.ms) * level.ms : Number.MAX_SAFE_INTEGER;
    const add = (start: number, cluster: number, n: number) => {
      let byCluster = level.buckets.get(start);
      if (!byCluster) level.buckets.set(start, (byCluster = new Map()));
      byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + n);
    };
    const sums = db
      .prepare(
        `SELECT b.bucket_ms AS t, COALESCE(pc.cluster, -1) AS cluster, SUM(b.count) AS count FROM ${level.table} b
         LEFT JOIN pattern_clusters pc ON pc.pattern_key = b.pattern_key WHERE b.bucket_ms >= ? AND b.bucket_ms < ? GROUP BY 1, 2`,
      )
      .all(from, Math.max(from, derivedFrom)) as Array<{ t: number; cluster: number; count: number }>;
    for (const r of sums) add(r.t, r.cluster, r.count);
    if (finer && derivedFrom < Number.MAX_SAFE_INTEGER) {
      for (const [start, byCluster] of finer.buckets) {
        if (start < derivedFrom) continue;
        const coarse = Math.floor(start / level.ms) * level.ms;
        for (const [cluster, n] of byCluster) add(coarse, cluster, n);
      }
    }
  }
  return { newestMs, levels };
}

function keptFrom(newestMs: number, level: Pick<Level, 'ms' | 'keepMs'>): number {
  return Number.isFinite(newestMs) ? Math.floor((newestMs - level.keepMs) / level.ms) * level.ms : -Infinity;
}

/** Like bucketSpans, over the in-memory levels: coarse where aligned, finer at the edges. */
function spansOver(fromMs: number, toMs: number, levels: Level[]): Array<{ level: Level; fromMs: number; toMs: number }> {
  if (toMs <= fromMs) return [];
  const [level, ...finer] = levels;
  if (finer.length === 0) return [{ level, fromMs, toMs }];
  const a = Math.ceil(fromMs / level.ms) * level.ms;
  const b = Math.floor(toMs / level.ms) * level.ms;
  if (a >= b) return spansOver(fromMs, toMs, finer);
  return [...spansOver(fromMs, a, finer), { level, fromMs: a, toMs: b }, ...spansOver(b, toMs, finer)];
}

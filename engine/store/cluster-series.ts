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
import { pack, type Packed } from './packed-counts.js';
import { PAST_BUCKETS, PastBuckets } from './past-buckets.js';

const HOUR = 3_600_000;
/** Cluster numbers below this find their arrays by index in `sums`. */
const DENSE_CLUSTERS = 1 << 16;
/** Up to this many picked clusters, `sums` looks their counts up per bucket instead of walking every count. */
const LOOKED_UP_PICKS = 32;
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
  packed: Map<number, Packed>;
}

/** What `sums` answers: arrays per step for the clusters picked, the rest added up, every cluster's total. */
export interface ClusterSums {
  picked: Map<number, Float64Array>;
  rest: Float64Array;
  totals: Map<number, number>;
}

/**
 * Where `sums` reads what lies before the levels kept in memory (the store's SQL): events per (step
 * start, pattern) of [fromMs, toMs), from whichever stored buckets fit the step.
 */
export type OlderCounts = (fromMs: number, toMs: number, stepMs: number) => Array<{ t: number; patternKey: number; count: number }>;

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
  /** 10 s buckets older than the 10 s level, kept once read. */
  private readonly past = new PastBuckets();
  /** Per cluster number + 1, zero between reads (totalsOf). */
  private readonly scratchTotals = new Float64Array(DENSE_CLUSTERS + 1);
  /** Per cluster number + 1, empty between reads (sums, when it walks every count). */
  private readonly scratchSlots: Array<Float64Array | undefined> = [];

  constructor(private readonly db: SqliteDatabase) {}

  /** Forgets everything: the next read loads from SQL (after the pattern → cluster map changed). */
  invalidate(): void {
    this.levels = undefined;
    this.past.clear();
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
    this.past.forget(bucketMs); // a late line in a bucket older than the 10 s level: read again when asked
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
   * step: point i is the step starting at firstMs + i × stepMs (buckets of steps outside those points are
   * left out). Only the clusters `pick` chooses (it sees every cluster's total over the range) get arrays
   * of their own; the others are added up in `rest`: a panel shows its top clusters and "other", and an
   * array per cluster for a day of hundreds of clusters was most of what such a read allocated.
   * Parts of the range older than a level keeps come from SQL through `older`: the 10 s buckets at the
   * far edge of a day (kept once read, past-buckets.ts), longer stretches per step.
   */
  sums(
    fromMs: number,
    toMs: number,
    stepMs: number,
    firstMs: number,
    older: OlderCounts,
    pick: (totals: Map<number, number>) => Iterable<number>,
  ): ClusterSums {
    const levels = this.load();
    const n = Math.max(0, Math.ceil((toMs - firstMs) / stepMs));
    const stepOf = (start: number) => (Math.floor(start / stepMs) * stepMs - firstMs) / stepMs;
    // The buckets of the step's widths, each with the point it adds to.
    const parts: Array<{ i: number; packed: Packed }> = [];
    this.partsOver(
      fromMs,
      toMs,
      levels.filter((l) => stepMs % l.ms === 0 || l.ms === BUCKET_MS),
      older,
      (start, packed) => {
        const i = stepOf(start);
        if (i >= 0 && i < n) parts.push({ i, packed });
      },
      (a, b) => {
        const bySteps = new Map<number, Map<number, number>>();
        for (const r of older(a, b, stepMs)) {
          const i = (r.t - firstMs) / stepMs;
          if (i < 0 || i >= n) continue;
          let byCluster = bySteps.get(i);
          if (!byCluster) bySteps.set(i, (byCluster = new Map()));
          const cluster = this.clusterOf.get(r.patternKey) ?? -1;
          byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + r.count);
        }
        for (const [i, byCluster] of bySteps) parts.push({ i, packed: pack(byCluster) });
        return true;
      },
    );
    // Totals from the widest buckets that fit the range whatever the step (a day at 5 min: 24 hourly
    // buckets and the edges instead of 288), unless some of it lies before every level.
    // (Buckets before the first step's start, with a step that is no multiple of 10 s, are left out.)
    const widest: Packed[] = [];
    const inMemory = this.partsOver(
      Math.max(fromMs, Math.ceil(firstMs / BUCKET_MS) * BUCKET_MS),
      toMs,
      levels,
      older,
      (_, packed) => widest.push(packed),
      () => false,
    );
    const totals = this.totalsOf(inMemory ? widest : parts.map((p) => p.packed));
    const picked = new Map<number, Float64Array>();
    for (const c of pick(totals)) if (totals.has(c) && !picked.has(c)) picked.set(c, new Float64Array(n));
    const rest = new Float64Array(n);
    if (picked.size <= LOOKED_UP_PICKS) {
      // A bucket's rest is its total less the few picked clusters' counts, looked up.
      for (const { i, packed } of parts) {
        let left = packed.total;
        for (const [c, points] of picked) {
          const v = packed.byCluster.get(c);
          if (v === undefined) continue;
          points[i] += v;
          left -= v;
        }
        rest[i] += left;
      }
    } else {
      const slots = this.scratchSlots;
      for (const [c, points] of picked) if (c >= -1 && c < DENSE_CLUSTERS) slots[c + 1] = points;
      for (const { i, packed } of parts) {
        const { clusters, counts } = packed;
        for (let j = 0; j < clusters.length; j++) {
          const c = clusters[j];
          const points = c >= -1 && c < DENSE_CLUSTERS ? slots[c + 1] : picked.get(c);
          (points ?? rest)[i] += counts[j];
        }
      }
      for (const c of picked.keys()) if (c >= -1 && c < DENSE_CLUSTERS) slots[c + 1] = undefined;
    }
    return { picked, rest, totals };
  }

  /**
   * Visits the buckets of `levels` that make up [fromMs, toMs) (coarse where aligned, finer at the
   * edges). Stretches older than a level keeps: the 10 s far edge through `past` (read with `older`),
   * any other through `beyond`; false when `beyond` could not serve one.
   */
  private partsOver(
    fromMs: number,
    toMs: number,
    levels: Level[],
    older: OlderCounts,
    visit: (start: number, packed: Packed) => void,
    beyond: (fromMs: number, toMs: number) => boolean,
  ): boolean {
    for (const { level, fromMs: a, toMs: b } of spansOver(fromMs, toMs, levels)) {
      if (a < level.fromMs) {
        const kept = Math.min(b, level.fromMs);
        if (level.ms === BUCKET_MS && (kept - a) / BUCKET_MS <= PAST_BUCKETS / 2) {
          for (const [start, packed] of this.past.sums(a, kept, older, this.clusterOf)) if (packed.clusters.length > 0) visit(start, packed);
        } else if (!beyond(a, kept)) return false;
        if (kept >= b) continue;
      }
      const from = Math.max(a, level.fromMs);
      const packedAt = (start: number, byCluster: Map<number, number>) => {
        let packed = level.packed.get(start);
        if (!packed) level.packed.set(start, (packed = pack(byCluster)));
        visit(start, packed);
      };
      // Walk the range's bucket starts or the kept buckets, whichever are fewer.
      const first = Math.ceil(from / level.ms) * level.ms;
      if ((b - first) / level.ms <= level.buckets.size) {
        for (let start = first; start < b; start += level.ms) {
          const byCluster = level.buckets.get(start);
          if (byCluster) packedAt(start, byCluster);
        }
      } else {
        for (const [start, byCluster] of level.buckets) if (start >= from && start < b) packedAt(start, byCluster);
      }
    }
    return true;
  }

  /** Every cluster's events in `parts`; clusters are small numbers (−1 for none), added up in a plain array by number. */
  private totalsOf(parts: Packed[]): Map<number, number> {
    const totalOf = this.scratchTotals;
    const touched: number[] = [];
    const totals = new Map<number, number>();
    for (const { clusters, counts } of parts) {
      for (let j = 0; j < clusters.length; j++) {
        const c = clusters[j];
        if (c >= -1 && c < DENSE_CLUSTERS) {
          if (totalOf[c + 1] === 0) touched.push(c);
          totalOf[c + 1] += counts[j];
        } else totals.set(c, (totals.get(c) ?? 0) + counts[j]);
      }
    }
    for (const c of touched) {
      if (totals.has(c)) continue; // touched twice: a count of 0 came first
      totals.set(c, totalOf[c + 1]);
      totalOf[c + 1] = 0;
    }
    return totals;
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
    this.past.clear();
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

// The 10 s buckets older than those ClusterSeries keeps, summed per cluster once read from SQL and kept:
// a dashboard on the last 24 h asks for the same far edge of its range (the first step's 10 s buckets)
// again and again, moved by a few buckets at each refresh, and reading it was a sixth of such a request.
// Kept until the pattern → cluster map changes (clear) or a late line adds to a bucket (forget).
import { BUCKET_MS } from './coarse-buckets.js';
import type { OlderCounts } from './cluster-series.js';
import { pack, type Packed } from './packed-counts.js';

/**
 * Buckets kept: ~2.8 h of them, a few far edges of any step (an hourly step's is up to 360 buckets);
 * each holds its clusters' counts, so a watch keeps a few MB at most.
 */
export const PAST_BUCKETS = 1024;

export class PastBuckets {
  private readonly kept = new Map<number, Packed>();

  /**
   * Sums per cluster of the 10 s buckets in [fromMs, toMs) (at most PAST_BUCKETS / 2 of them), each
   * with its start. Those not kept are read through `read` (at a 10 s step), from the first missing to
   * the last, and kept; the oldest read go first beyond PAST_BUCKETS.
   */
  sums(fromMs: number, toMs: number, read: OlderCounts, clusterOf: ReadonlyMap<number, number>): Array<[number, Packed]> {
    const starts: number[] = [];
    for (let start = Math.ceil(fromMs / BUCKET_MS) * BUCKET_MS; start < toMs; start += BUCKET_MS) starts.push(start);
    const missing = starts.filter((s) => !this.kept.has(s));
    if (missing.length > 0) {
      // The far edge of a moving range misses a few at one end.
      const readFrom = missing[0];
      const readTo = missing[missing.length - 1] + BUCKET_MS;
      const readNow = new Map<number, Map<number, number>>();
      for (const s of starts) if (s >= readFrom && s < readTo) readNow.set(s, new Map());
      for (const r of read(readFrom, readTo, BUCKET_MS)) {
        const byCluster = readNow.get(r.t);
        if (!byCluster) continue;
        const cluster = clusterOf.get(r.patternKey) ?? -1;
        byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + r.count);
      }
      for (const [start, byCluster] of readNow) {
        this.kept.delete(start);
        this.kept.set(start, pack(byCluster));
      }
    }
    // The answer is taken before letting go of any: the buckets it needs may be the oldest kept.
    const out = starts.map((s): [number, Packed] => [s, this.kept.get(s)!]);
    for (const start of this.kept.keys()) {
      if (this.kept.size <= PAST_BUCKETS) break;
      this.kept.delete(start);
    }
    return out;
  }

  /** A late line added to this bucket: read it again when asked. */
  forget(bucketMs: number): void {
    this.kept.delete(bucketMs);
  }

  /** The pattern → cluster map changed: every sum kept is wrong. */
  clear(): void {
    this.kept.clear();
  }
}

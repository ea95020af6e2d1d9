// For the store's tests: what the stored 10 s rows alone answer, computed fresh in SQL, to check every
// faster path (coarse buckets, the in-memory cluster series) against.
import type { Baseline } from './baseline.js';

/** Template options that make merges happen within a few test lines. */
export const MERGING_PATTERN_OPTIONS = { miner: { evidenceValues: 3 } };

/** Events per (step, cluster; -1 for none) from the 10 s bucket rows alone. */
export function volumesFromFineRows(b: Baseline, from: number, to: number, step: number) {
  return b.database
    .prepare(
      `SELECT (b.bucket_ms / ${step}) * ${step} AS t, COALESCE(pc.cluster, -1) AS cluster, SUM(b.count) AS count FROM buckets b
       LEFT JOIN pattern_clusters pc ON pc.pattern_key = b.pattern_key WHERE b.bucket_ms >= ? AND b.bucket_ms < ? GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(Math.floor(from / 10_000) * 10_000, to);
}

// The events per cluster a /volumes answer is built from: one array per cluster name (point i is the step
// starting at floor(from / step) × step + i × step, as the route's timeline) and each cluster's total
// over the range, without an object per (step, cluster): a day at 5 min over hundreds of clusters is
// ~100,000 points, and rows of them cost the thread that answers HTTP more than adding them up does.
import type { SqliteWatchStore } from '../store/watch-store.js';
import { clusterId, NOISE_ID } from './cluster-names.js';

export function volumeSums(
  store: SqliteWatchStore,
  fromMs: number,
  toMs: number,
  stepMs: number,
  streamIds?: number[],
): { byCluster: Map<string, Float64Array>; totals: Map<string, number> } {
  const { byCluster: points } = store.volumePoints(fromMs, toMs, stepMs, streamIds);
  const byCluster = new Map<string, Float64Array>();
  const totals = new Map<string, number>();
  for (const [cluster, values] of points) {
    let total = 0;
    for (let i = 0; i < values.length; i++) total += values[i];
    if (total === 0) continue;
    const name = cluster >= 0 ? clusterId(cluster) : NOISE_ID;
    byCluster.set(name, values);
    totals.set(name, total);
  }
  return { byCluster, totals };
}

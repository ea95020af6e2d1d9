// The events per cluster a /volumes answer is built from, in the shape the route reads them (cluster
// name → step start → events, and each cluster's total over the range), backed by one array per cluster
// instead of one object per (step, cluster): a day at 5 min over hundreds of clusters is ~100,000 points,
// and rows of them cost the thread that answers HTTP more than adding them up does.
import type { SqliteWatchStore } from '../store/watch-store.js';
import { clusterId, NOISE_ID } from './cluster-names.js';

/** Points of one cluster by step start (the part of a Map the route uses). */
export class StepPoints {
  constructor(
    private readonly points: Float64Array,
    private readonly firstMs: number,
    private readonly stepMs: number,
  ) {}

  get(t: number): number | undefined {
    const i = (t - this.firstMs) / this.stepMs;
    return Number.isInteger(i) && i >= 0 && i < this.points.length ? this.points[i] : undefined;
  }
}

export function volumeSums(
  store: SqliteWatchStore,
  fromMs: number,
  toMs: number,
  stepMs: number,
  streamIds?: number[],
): { byCluster: Map<string, StepPoints>; totals: Map<string, number> } {
  const { firstMs, byCluster: points } = store.volumePoints(fromMs, toMs, stepMs, streamIds);
  const byCluster = new Map<string, StepPoints>();
  const totals = new Map<string, number>();
  for (const [cluster, values] of points) {
    let total = 0;
    for (const v of values) total += v;
    if (total === 0) continue;
    const name = cluster >= 0 ? clusterId(cluster) : NOISE_ID;
    byCluster.set(name, new StepPoints(values, firstMs, stepMs));
    totals.set(name, total);
  }
  return { byCluster, totals };
}

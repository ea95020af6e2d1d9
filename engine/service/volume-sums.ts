// The events per cluster a /volumes answer is built from: one array per chosen cluster name (point i is
// the step starting at floor(from / step) × step + i × step, as the route's timeline), the other
// clusters' events added up per step, and the names of those others. Clusters are ranked by their total
// over the range (largest first, then by id); `choose` picks from that ranking. A day at 5 min over
// hundreds of clusters is ~100,000 points: only the few shown get arrays of their own.
import type { SqliteWatchStore } from '../store/watch-store.js';
import { clusterId, NOISE_ID } from './cluster-names.js';

export interface VolumeSums {
  /** Chosen cluster names in ranked order, each with its points. */
  chosen: Array<{ cluster: string; points: Float64Array }>;
  /** Per step, the events of every cluster not chosen. */
  rest: Float64Array;
  /** How many clusters with events in the range were not chosen. */
  restClusters: number;
}

export function volumeSums(
  store: SqliteWatchStore,
  fromMs: number,
  toMs: number,
  stepMs: number,
  streamIds: number[] | undefined,
  choose: (ranked: string[]) => string[],
): VolumeSums {
  let chosenNames: string[] = [];
  const numberOf = new Map<string, number>();
  let ranked: string[] = [];
  const { sums } = store.volumePoints(fromMs, toMs, stepMs, streamIds, (totals) => {
    const named: Array<[string, number]> = [];
    for (const [cluster, total] of totals) {
      if (total === 0) continue;
      const name = cluster >= 0 ? clusterId(cluster) : NOISE_ID;
      numberOf.set(name, cluster);
      named.push([name, total]);
    }
    // Ids are ASCII (`c7`, `noise`): code-unit order is their alphabetical order, without localeCompare's cost.
    ranked = named.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([c]) => c);
    chosenNames = choose(ranked);
    return chosenNames.map((c) => numberOf.get(c)!);
  });
  return {
    chosen: chosenNames.map((cluster) => ({ cluster, points: sums.picked.get(numberOf.get(cluster)!)! })),
    rest: sums.rest,
    restClusters: ranked.length - chosenNames.length,
  };
}

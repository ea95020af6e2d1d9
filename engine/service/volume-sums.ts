// The events per cluster a /volumes answer is built from: one array per chosen cluster (point i is the
// step starting at floor(from / step) × step + i × step, as the route's timeline), the other clusters'
// events added up per step, and how many those others are. Clusters are ranked by their total over the
// range, largest first, then by id. A day at 5 min over hundreds of clusters is ~100,000 points: only
// the few shown get arrays of their own, and only they (and ties) get their ids written.
import type { SqliteWatchStore } from '../store/watch-store.js';
import { clusterNumberOf, clusterOrNoiseId } from './cluster-names.js';

export interface VolumeSums {
  /** Chosen clusters (ids) in ranked order, each with its points. */
  chosen: Array<{ cluster: string; points: Float64Array }>;
  /** Per step, the events of every cluster not chosen. */
  rest: Float64Array;
  /** How many clusters with events in the range were not chosen. */
  restClusters: number;
}

/** The largest `top` clusters, or those named (in ranked order; unknown names are left out). */
export type VolumeChoice = { top: number } | { clusters: string[] };

export function volumeSums(
  store: SqliteWatchStore,
  fromMs: number,
  toMs: number,
  stepMs: number,
  streamIds: number[] | undefined,
  choice: VolumeChoice,
): VolumeSums {
  let chosen: number[] = [];
  let withEvents = 0;
  const { sums } = store.volumePoints(fromMs, toMs, stepMs, streamIds, (totals) => {
    const ranked: Array<[number, number]> = [];
    for (const entry of totals) if (entry[1] !== 0) ranked.push(entry);
    withEvents = ranked.length;
    // Ties (common among small clusters) go by id, as strings: `c10` before `c7`, `noise` after every `c`.
    const ids = new Map<number, string>();
    const id = (c: number) => ids.get(c) ?? ids.set(c, clusterOrNoiseId(c)).get(c)!;
    const byRank = (a: [number, number], b: [number, number]) => b[1] - a[1] || (id(a[0]) < id(b[0]) ? -1 : id(a[0]) > id(b[0]) ? 1 : 0);
    if ('top' in choice) {
      // Only those at or above the top-th largest total can be chosen: hundreds of clusters, a few shown.
      const totalsDown = Float64Array.from(ranked, ([, n]) => n)
        .sort()
        .reverse();
      const least = totalsDown[Math.min(choice.top, totalsDown.length) - 1] ?? Infinity;
      chosen = ranked
        .filter(([, n]) => n >= least)
        .sort(byRank)
        .slice(0, choice.top)
        .map(([c]) => c);
    } else {
      const wanted = new Set(choice.clusters.map(clusterNumberOf).filter((c) => c !== undefined));
      chosen = ranked
        .filter(([c]) => wanted.has(c))
        .sort(byRank)
        .map(([c]) => c);
    }
    return chosen;
  });
  return {
    chosen: chosen.map((c) => ({ cluster: clusterOrNoiseId(c), points: sums.picked.get(c)! })),
    rest: sums.rest,
    restClusters: withEvents - chosen.length,
  };
}

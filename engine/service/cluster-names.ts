// How the API names a cluster: a stable id (`c7`, `noise`) that links and filters use, and a readable
// label (the stored cluster label, made distinct) that legends and tables show.
import { distinctLabels } from '../cluster/cluster-label.js';
import type { ClusterRecord } from '../store/watch-store.js';

/** The label of patterns in no cluster. */
export const NOISE_LABEL = 'patterns in no cluster';

/** The API's id of a cluster number (`c7`); its noise is `NOISE_ID`. */
export const clusterId = (cluster: number): string => `c${cluster}`;
export const NOISE_ID = 'noise';

/** The API's id of a cluster number, noise (negative) included. */
export const clusterOrNoiseId = (cluster: number): string => (cluster >= 0 ? clusterId(cluster) : NOISE_ID);

/** The cluster number an API id names (−1 for noise); undefined for anything else (`c007` included). */
export function clusterNumberOf(id: string): number | undefined {
  if (id === NOISE_ID) return -1;
  return /^c(0|[1-9]\d*)$/.test(id) ? Number(id.slice(1)) : undefined;
}

export interface ClusterRef {
  cluster: string;
  clusterLabel: string;
}

/** Names of a cluster list, made once per list (the store hands out one list until a clustering). */
const namesOfList = new WeakMap<readonly ClusterRecord[], ClusterNames>();

export class ClusterNames {
  private readonly labels = new Map<string, string>();

  /**
   * The names of `clusters`, built on first use and shared after: making 700 labels distinct took a
   * quarter of an uncached day of volumes, for a list that only a clustering changes.
   */
  static of(clusters: readonly ClusterRecord[]): ClusterNames {
    let names = namesOfList.get(clusters);
    if (!names) namesOfList.set(clusters, (names = new ClusterNames(clusters)));
    return names;
  }

  /** `clusters` largest first (as the store lists them): a repeated label's later clusters get ` (2)`, … */
  constructor(clusters: readonly ClusterRecord[]) {
    const distinct = distinctLabels(clusters.map((c) => c.label || clusterId(c.id)));
    clusters.forEach((c, i) => this.labels.set(clusterId(c.id), distinct[i]));
  }

  /** The id and label of a cluster number (negative: noise). */
  of(cluster: number): ClusterRef {
    return this.ofId(clusterOrNoiseId(cluster));
  }

  /** The label of a cluster id as the API writes it (`c3`, `noise`, anything else as itself). */
  ofId(id: string): ClusterRef {
    return { cluster: id, clusterLabel: id === NOISE_ID ? NOISE_LABEL : (this.labels.get(id) ?? id) };
  }
}

import type { ClusterMethod } from '../cluster/cluster-patterns.js';
import type { ClusterDescription } from '../cluster/describe-clusters.js';
import { clusterLabel, distinctLabels } from '../cluster/cluster-label.js';

/**
 * Clusters as the report shows them: numbered by size (0 = the most events), with per-cluster event and
 * pattern counts, member patterns (most frequent first) and a label. HDBSCAN's own numbering follows
 * its tree and means nothing to a reader.
 */
export interface RankedClusters {
  method: ClusterMethod;
  count: number;
  /** Per pattern: its cluster (0 = largest) or −1 (noise, or unclustered with method none). */
  ofPattern: Int32Array;
  /** Per cluster, then at index `count` the noise group. */
  events: number[];
  members: number[][];
  labels: string[];
  /** Per cluster: its most frequent entity values, as `kind=value (events)`, when descriptions were given. */
  entities: string[][];
  totalEvents: number;
}

export interface RankablePattern {
  canonical: string;
  count: number;
}

/**
 * `descriptions` (engine/cluster's describeClusters, indexed by the clustering's own ids) give the
 * labels and top entities; without them a cluster's label is built from its templates the same way
 * (engine/cluster's clusterLabel).
 */
export function rankClusters(
  method: ClusterMethod,
  labels: Int32Array,
  nClusters: number,
  patterns: readonly RankablePattern[],
  descriptions?: readonly ClusterDescription[],
): RankedClusters {
  const events = new Array<number>(nClusters).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) events[labels[i]] += patterns[i].count;
  const order = [...events.keys()].filter((c) => events[c] > 0).sort((a, b) => events[b] - events[a] || a - b);
  const rankOf = new Int32Array(nClusters).fill(-1);
  order.forEach((c, rank) => (rankOf[c] = rank));
  const count = order.length;
  const ofPattern = new Int32Array(labels.length);
  const members: number[][] = Array.from({ length: count + 1 }, () => []);
  const rankedEvents = new Array<number>(count + 1).fill(0);
  let totalEvents = 0;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] >= 0 ? rankOf[labels[i]] : -1;
    ofPattern[i] = c;
    const slot = c >= 0 ? c : count;
    members[slot].push(i);
    rankedEvents[slot] += patterns[i].count;
    totalEvents += patterns[i].count;
  }
  for (const m of members) m.sort((a, b) => patterns[b].count - patterns[a].count || a - b);
  const names = distinctLabels(order.map((c, rank) => descriptions?.[c]?.label ?? clusterLabel(members[rank].map((i) => patterns[i]))));
  const entities = order.map((c) => (descriptions?.[c]?.topEntities ?? []).map((e) => `${e.kind}=${e.value} (${e.count})`));
  return { method, count, ofPattern, events: rankedEvents, members, labels: names, entities, totalEvents };
}

/** The `cluster` value written for a pattern or event: its number, `noise` (HDBSCAN) or `none` (no clustering). */
export function clusterName(clusters: Pick<RankedClusters, 'method'>, cluster: number): string {
  if (cluster >= 0) return String(cluster);
  return clusters.method === 'none' ? 'none' : 'noise';
}

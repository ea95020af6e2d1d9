import type { Pattern } from '../patterns/pattern.js';
import { csvRow } from './delimited.js';
import { clusterName, type RankedClusters } from './ranked-clusters.js';

export const SUMMARY_FILE = 'cluster_summary.csv';
export const EXAMPLES_FILE = 'cluster_examples.csv';
export const EXAMPLES_PER_CLUSTER = 30;

/** cluster_summary.csv: one row per cluster (largest first), then the noise group when it has events. */
export function clusterSummaryCsv(clusters: RankedClusters): string {
  const out = [csvRow(['cluster', 'count', 'share', 'patterns', 'label', 'top_entities'])];
  const share = (n: number): string => (clusters.totalEvents > 0 ? (n / clusters.totalEvents).toFixed(6) : '0');
  for (let c = 0; c < clusters.count; c++) {
    out.push(
      csvRow([
        clusterName(clusters, c),
        clusters.events[c],
        share(clusters.events[c]),
        clusters.members[c].length,
        clusters.labels[c],
        (clusters.entities[c] ?? []).join('; '),
      ]),
    );
  }
  const noise = clusters.events[clusters.count];
  if (noise > 0) out.push(csvRow([clusterName(clusters, -1), noise, share(noise), clusters.members[clusters.count].length, '', '']));
  return out.join('');
}

/**
 * cluster_examples.csv: up to 30 raw lines per cluster with their canonical form. Variety first: one
 * example of each member pattern (most frequent first), then second examples, and so on.
 */
export function clusterExamplesCsv(clusters: RankedClusters, patterns: readonly Pattern[], perCluster = EXAMPLES_PER_CLUSTER): string {
  const out = [csvRow(['cluster', 'raw', 'norm', 'pattern', 'pattern_count'])];
  for (let slot = 0; slot <= clusters.count; slot++) {
    const members = clusters.members[slot];
    const name = clusterName(clusters, slot < clusters.count ? slot : -1);
    let written = 0;
    for (let round = 0; written < perCluster; round++) {
      let any = false;
      for (const i of members) {
        const example = patterns[i].examples[round];
        if (example === undefined) continue;
        any = true;
        out.push(csvRow([name, example.raw, patterns[i].canonical, patterns[i].id, patterns[i].count]));
        if (++written >= perCluster) break;
      }
      if (!any) break;
    }
  }
  return out.join('');
}

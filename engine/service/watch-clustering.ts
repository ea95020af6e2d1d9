// Clusters a watch's patterns (HDBSCAN over their vectors, counts as weights) and lays them out in 2-D
// (UMAP) for the scatter panel; the result replaces the stored clusters. Recomputed by the runner when
// new patterns arrived and enough time has passed: it is a whole-set computation, not incremental.
import { embeddingText } from '../canonical/embedding-text.js';
import { clusterPatterns } from '../cluster/cluster-patterns.js';
import type { Pattern } from '../patterns/pattern.js';
import type { Baseline } from '../store/baseline.js';
import type { ClusterRecord, PatternPlacement } from '../store/watch-store.js';

export interface WatchClustering {
  placements: PatternPlacement[];
  clusters: ClusterRecord[];
}

/** The smallest cluster, in events: 1% of the watch's events, within [5, 50]. */
export function minClusterSizeFor(events: number): number {
  return Math.max(5, Math.min(50, Math.round(events * 0.01)));
}

export function clusterWatch(baseline: Baseline): WatchClustering {
  const config = baseline.requireConfig();
  const patterns: Pattern[] = [];
  const vectors: Float32Array[] = [];
  const all = [...baseline.patterns.all()];
  const cached = baseline.vectorCache.getMany(config.model, config.dtype, all.map((p) => embeddingText(p.canonical)));
  for (const p of all) {
    const v = cached.get(embeddingText(p.canonical));
    if (v) {
      patterns.push(p);
      vectors.push(v);
    }
  }
  const n = patterns.length;
  const counts = patterns.map((p) => p.count);
  let labels: Int32Array;
  let layout: Float32Array;
  if (n < 4) {
    // Too few to cluster or lay out: noise, spread on a line so the scatter still shows each.
    labels = new Int32Array(n).fill(-1);
    layout = new Float32Array(n * 2).map((_, i) => (i % 2 === 0 ? i / 2 : 0));
  } else {
    const flat = new Float32Array(n * config.dim);
    vectors.forEach((v, i) => flat.set(v, i * config.dim));
    const events = counts.reduce((a, b) => a + b, 0);
    const result = clusterPatterns(flat, config.dim, counts, {
      method: 'hdbscan',
      minClusterSize: minClusterSizeFor(events),
      minSamples: Math.min(10, n - 1),
      project: true,
      seed: 42,
    });
    labels = result.labels;
    layout = result.layout ?? new Float32Array(n * 2);
  }
  const placements: PatternPlacement[] = patterns.map((p, i) => ({ patternKey: p.key, cluster: labels[i], x: layout[2 * i], y: layout[2 * i + 1] }));
  return { placements, clusters: describeClusters(patterns, labels) };
}

/** Size, members and a readable label (its most frequent pattern) per cluster, with its top entities. */
function describeClusters(patterns: Pattern[], labels: Int32Array): ClusterRecord[] {
  const members = new Map<number, Pattern[]>();
  patterns.forEach((p, i) => {
    if (labels[i] < 0) return;
    let m = members.get(labels[i]);
    if (!m) members.set(labels[i], (m = []));
    m.push(p);
  });
  const out: ClusterRecord[] = [];
  for (const [id, ps] of members) {
    ps.sort((a, b) => b.count - a.count);
    const entities = new Map<string, { kind: string; value: string; count: number }>();
    for (const p of ps) {
      for (const [kind, values] of Object.entries(p.entities)) {
        for (const [value, count] of Object.entries(values)) {
          const key = `${kind}\u0000${value}`;
          const e = entities.get(key);
          if (e) e.count += count;
          else entities.set(key, { kind, value, count });
        }
      }
    }
    const label = ps[0].canonical.length > 100 ? `${ps[0].canonical.slice(0, 99)}…` : ps[0].canonical;
    out.push({
      id,
      label,
      size: ps.reduce((a, p) => a + p.count, 0),
      patterns: ps.length,
      topEntities: [...entities.values()].sort((a, b) => b.count - a.count).slice(0, 5),
    });
  }
  return out.sort((a, b) => b.size - a.size);
}

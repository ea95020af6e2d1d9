// Clusters a watch's templates into themes (HDBSCAN over their vectors with clusterPatterns' defaults,
// the same as `logatlas analyze`) and lays them out in 2-D (UMAP) for the scatter panel; the result
// replaces the stored clusters. Recomputed by the runner when new templates arrived and enough time has
// passed: it is a whole-set computation, not incremental.
import { embeddingText } from '../canonical/embedding-text.js';
import { clusterPatternsInWorker } from '../cluster/cluster-worker.js';
import { describeClustersInSlices } from '../cluster/describe-clusters.js';
import type { Pattern } from '../patterns/pattern.js';
import { baselineVectorKey, type Baseline } from '../store/baseline.js';
import type { ClusterRecord, PatternPlacement } from '../store/watch-store.js';

export interface WatchClustering {
  placements: PatternPlacement[];
  clusters: ClusterRecord[];
}

/** Entity values kept per cluster record (the most frequent across kinds). */
const TOP_ENTITIES = 5;

/** Vectors read from the cache per turn of the event loop (about 25 ms here). */
const VECTORS_PER_SLICE = 500;

/** The options every watch clustering uses (the same as `logatlas analyze`'s defaults). */
const WATCH_CLUSTERING = { method: 'hdbscan', project: true, seed: 42 } as const;

/**
 * Clusters and lays out the watch's templates. The vectors are read here; HDBSCAN and UMAP run in a
 * worker thread (`clusterPatternsInWorker`), so the service goes on answering and ingesting meanwhile.
 */
export async function clusterWatch(baseline: Baseline, signal?: AbortSignal): Promise<WatchClustering> {
  const config = baseline.requireConfig();
  const patterns: Pattern[] = [];
  const vectors: Float32Array[] = [];
  const all = [...baseline.patterns.all()];
  // Read in slices with a turn of the event loop between them: 100,000 vectors take seconds to read,
  // and requests and ingest batches go on in between (bench/parts/service-api.mjs --ingest-rate).
  for (let start = 0; start < all.length; start += VECTORS_PER_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new Error('clustering stopped');
    const slice = all.slice(start, start + VECTORS_PER_SLICE);
    const cached = baseline.vectorCache.getMany(
      baselineVectorKey(config),
      config.dtype,
      slice.map((p) => embeddingText(p.canonical)),
    );
    for (const p of slice) {
      const v = cached.get(embeddingText(p.canonical));
      if (v) {
        patterns.push(p);
        vectors.push(v);
      }
    }
  }
  const n = patterns.length;
  const counts = patterns.map((p) => p.count);
  const flat = new Float32Array(n * config.dim);
  vectors.forEach((v, i) => flat.set(v, i * config.dim));
  let labels: Int32Array;
  let nClusters = 0;
  let layout: Float32Array;
  if (n < 4) {
    // Too few to cluster or lay out: noise, spread on a line so the scatter still shows each.
    labels = new Int32Array(n).fill(-1);
    layout = new Float32Array(n * 2).map((_, i) => (i % 2 === 0 ? i / 2 : 0));
  } else {
    const result = await clusterPatternsInWorker(flat, config.dim, counts, WATCH_CLUSTERING, signal);
    labels = result.labels;
    nClusters = result.nClusters;
    layout = result.layout ?? new Float32Array(n * 2);
  }
  const placements: PatternPlacement[] = patterns.map((p, i) => ({ patternKey: p.key, cluster: labels[i], x: layout[2 * i], y: layout[2 * i + 1] }));
  const clusters: ClusterRecord[] = (
    await describeClustersInSlices(patterns, { labels, nClusters }, { vectors: flat, dim: config.dim, entitiesPerKind: TOP_ENTITIES })
  )
    .map((d) => ({ id: d.id, label: d.label, size: d.size, patterns: d.patterns, topEntities: d.topEntities.slice(0, TOP_ENTITIES) }))
    .sort((a, b) => b.size - a.size);
  return { placements, clusters };
}

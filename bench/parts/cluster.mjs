// Clustering and projecting patterns: the engine's clusterPatterns (kNN graph from usearch, HDBSCAN with
// its defaults, 2-D UMAP layout), timed per stage in wall and CPU time, on synthetic pattern vectors:
// unit vectors (d = 384) with planted clusters and Pareto-distributed counts (engine/cluster/synthetic.ts),
// since embedding 20,000 real distinct patterns would take about half an hour here.
// usearch uses --threads threads (default 2) for the graph; HDBSCAN and UMAP are single-threaded.
//
// Usage: node bench/parts/cluster.mjs [--patterns 20000] [--threads 2]
import { emit, log, parseArgs, round, stopwatch } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const n = Number(args.patterns ?? 20_000);
const threads = Number(args.threads ?? 2);
const dim = 384;

const { clusterPatterns, syntheticPatterns, adjustedRandIndex } = await engine.clusterFunctions();
const data = syntheticPatterns({ n, dim, clusters: Math.max(4, Math.round(n / 250)), seed: 1 });
const events = data.counts.reduce((a, b) => a + b, 0);

const stages = {};
let current;
let lap;
const total = stopwatch();
const stageOf = (name) => {
  if (current) stages[current] = finish(lap());
  current = name;
  lap = stopwatch();
  log('cluster', `${n} patterns: ${name}`);
};
const result = clusterPatterns(data.vectors, dim, data.counts, { project: true, onStage: stageOf, knnThreads: threads });
stages[current] = finish(lap());
const clusterAndProject = finish(total());

function finish(t) {
  return { wallSeconds: round(t.wallSeconds, 2), cpuSeconds: round(t.cpuSeconds, 2) };
}

let noiseEvents = 0;
for (let i = 0; i < n; i++) if (result.labels[i] < 0) noiseEvents += data.counts[i];
emit({
  part: 'cluster',
  patterns: n,
  events,
  dim,
  threads,
  settings: result.settings,
  clusters: result.nClusters,
  plantedClusters: Math.max(4, Math.round(n / 250)),
  noiseEventShare: round(noiseEvents / events, 4),
  ariVsPlanted: round(adjustedRandIndex(result.labels, data.truth), 4),
  stages,
  clusterAndProject,
});

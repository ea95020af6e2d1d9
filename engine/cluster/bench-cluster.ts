/**
 * Clustering and projection benchmark. Prints one JSON object on stdout:
 *   node build/engine/cluster/bench-cluster.js [--sizes 2000,5000,20000] [--exact-up-to 5000] [--threads 2]
 * Synthetic unit vectors (d = 384) with cluster structure and Pareto counts stand in for patterns
 * (see synthetic.ts). Each size runs in a child process, so `peakRssMb` is that size's own peak.
 * Timings on a shared machine swing with other jobs: `machine.loadAverage` and `calibrationNsPerOp`
 * (a fixed arithmetic loop) are printed to compare runs.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { hdbscan } from './hdbscan.js';
import { sphericalKMeans } from './kmeans.js';
import { buildExactKnnGraph, buildUsearchKnnGraph, type KnnGraph } from './knn-graph.js';
import { adjustedRandIndex } from './metrics.js';
import { createRandom } from './rng.js';
import { syntheticPatterns, type SyntheticPatterns } from './synthetic.js';
import { umapLayout } from './umap.js';

const DIM = 384;
const K = 15; // one graph feeds HDBSCAN (minSamples 10) and UMAP (nNeighbors 15 = self + 14)

interface SizeResult {
  n: number;
  events: number;
  trueClusters: number;
  knnUsearchMs: number;
  knnRecallAt15: number;
  knnExactMs: number | null;
  hdbscanMs: number;
  hdbscanClusters: number;
  hdbscanAri: number;
  hdbscanPatternDensityMs: number;
  hdbscanPatternDensityClusters: number;
  hdbscanPatternDensityAri: number;
  umapMs: number;
  kmeansMs: number;
  kmeansAri: number;
  clusterAndProjectMs: number;
  peakRssMb: number;
}

function timed<T>(work: () => T): [T, number] {
  const start = performance.now();
  const value = work();
  return [value, Math.round(performance.now() - start)];
}

/** Recall of the approximate graph on sampled rows, against brute force for those rows only. */
function sampledRecall(data: SyntheticPatterns, graph: KnnGraph, rows: number): number {
  const random = createRandom(99);
  const { n, dim, vectors } = data;
  const distance = new Float64Array(n);
  let total = 0;
  for (let s = 0; s < rows; s++) {
    const i = Math.floor(random() * n);
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let t = 0; t < dim; t++) dot += vectors[i * dim + t] * vectors[j * dim + t];
      distance[j] = j === i ? Infinity : 1 - dot;
    }
    const truth = new Set(Array.from({ length: n }, (_, j) => j).sort((a, b) => distance[a] - distance[b]).slice(0, graph.k));
    let hits = 0;
    for (let r = 0; r < graph.k; r++) if (truth.has(graph.indices[i * graph.k + r])) hits++;
    total += hits / graph.k;
  }
  return total / rows;
}

function runSize(n: number, exactUpTo: number, threads: number): SizeResult {
  const trueClusters = Math.max(4, Math.round(n / 250));
  const data = syntheticPatterns({ n, dim: DIM, clusters: trueClusters, seed: 1 });
  const events = data.counts.reduce((a, b) => a + b, 0);
  const [graph, knnUsearchMs] = timed(() => buildUsearchKnnGraph(data.vectors, DIM, K, { threads }));
  const knnRecallAt15 = sampledRecall(data, graph, 100);
  const knnExactMs = n <= exactUpTo ? timed(() => buildExactKnnGraph(data.vectors, DIM, K))[1] : null;
  const [byEvents, hdbscanMs] = timed(() => hdbscan({ knn: graph, weights: data.counts }));
  const [byPatterns, hdbscanPatternDensityMs] = timed(() => hdbscan({ knn: graph, weights: data.counts, density: 'patterns' }));
  const [, umapMs] = timed(() => umapLayout(graph));
  const [kmeans, kmeansMs] = timed(() => sphericalKMeans(data.vectors, DIM, { weights: data.counts }));
  return {
    n,
    events,
    trueClusters,
    knnUsearchMs,
    knnRecallAt15: round(knnRecallAt15),
    knnExactMs,
    hdbscanMs,
    hdbscanClusters: byEvents.nClusters,
    hdbscanAri: round(adjustedRandIndex(byEvents.labels, data.truth)),
    hdbscanPatternDensityMs,
    hdbscanPatternDensityClusters: byPatterns.nClusters,
    hdbscanPatternDensityAri: round(adjustedRandIndex(byPatterns.labels, data.truth)),
    umapMs,
    kmeansMs,
    kmeansAri: round(adjustedRandIndex(kmeans.labels, data.truth)),
    clusterAndProjectMs: knnUsearchMs + hdbscanMs + umapMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Nanoseconds per iteration of a fixed floating-point loop: how fast this CPU is for us right now. */
function calibrationNsPerOp(): number {
  const iterations = 20_000_000;
  const start = performance.now();
  let s = 0;
  for (let i = 1; i < iterations; i++) s += Math.sqrt(i) * 1e-9;
  const ns = ((performance.now() - start) * 1e6) / iterations;
  return s > 0 ? round(ns) : NaN;
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function main(): void {
  const exactUpTo = Number(argument('--exact-up-to', '5000'));
  const threads = Number(argument('--threads', '2'));
  const one = process.argv.indexOf('--one');
  if (one >= 0) {
    process.stdout.write(JSON.stringify(runSize(Number(process.argv[one + 1]), exactUpTo, threads)));
    return;
  }
  const sizes = argument('--sizes', '2000,5000,20000').split(',').map(Number);
  const loadBefore = loadavg()[0];
  const calibration = calibrationNsPerOp();
  const self = fileURLToPath(import.meta.url);
  const results = sizes.map((n) =>
    JSON.parse(
      execFileSync(process.execPath, [self, '--one', String(n), '--exact-up-to', String(exactUpTo), '--threads', String(threads)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      }),
    ) as SizeResult,
  );
  const machine = {
    cpus: cpus().length,
    node: process.version,
    loadAverage: [round(loadBefore), round(loadavg()[0])],
    calibrationNsPerOp: calibration,
  };
  const settings = { dim: DIM, k: K, threads, hdbscan: { minClusterSize: 50, minSamples: 10 }, umap: { nNeighbors: 15, minDist: 0.05 }, kmeansClusters: 30 };
  console.log(JSON.stringify({ benchmark: 'cluster', machine, settings, results }, null, 2));
}

main();

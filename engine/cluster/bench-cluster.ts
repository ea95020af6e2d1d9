/**
 * Clustering and projection benchmark. Prints one JSON object on stdout:
 *   node build/engine/cluster/bench-cluster.js [--sizes 2000,5000,20000] [--exact-up-to 5000] [--threads 2]
 * Synthetic unit vectors (d = 384) with cluster structure and Pareto counts stand in for patterns
 * (see synthetic.ts). Each size runs in a child process, so `peakRssMb` is that size's own peak.
 * Timings on a shared machine swing with other jobs: `machine.loadAverage` and `machine.calibration`
 * (a fixed arithmetic loop) are printed to compare runs, and every stage reports wall and CPU time.
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

/** Wall time, and CPU time of this process (all threads): on a shared machine the two differ widely. */
interface Timing {
  wallMs: number;
  cpuMs: number;
}

interface SizeResult {
  n: number;
  events: number;
  trueClusters: number;
  knnRecallAt15: number;
  hdbscanClusters: number;
  hdbscanAri: number;
  hdbscanPatternDensityClusters: number;
  hdbscanPatternDensityAri: number;
  kmeansAri: number;
  timings: {
    knnUsearch: Timing;
    knnExact: Timing | null;
    hdbscan: Timing;
    hdbscanPatternDensity: Timing;
    umap: Timing;
    kmeans: Timing;
    /** kNN graph (usearch) + HDBSCAN + UMAP: what clustering and projecting the patterns costs. */
    clusterAndProject: Timing;
  };
  peakRssMb: number;
}

function timed<T>(work: () => T): [T, Timing] {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return [value, { wallMs: Math.round(performance.now() - wall), cpuMs: Math.round((used.user + used.system) / 1000) }];
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
  const [graph, knnUsearch] = timed(() => buildUsearchKnnGraph(data.vectors, DIM, K, { threads }));
  const knnExact = n <= exactUpTo ? timed(() => buildExactKnnGraph(data.vectors, DIM, K))[1] : null;
  const [byEvents, hdbscanTiming] = timed(() => hdbscan({ knn: graph, weights: data.counts }));
  const [byPatterns, hdbscanPatternDensity] = timed(() => hdbscan({ knn: graph, weights: data.counts, density: 'patterns' }));
  const [, umap] = timed(() => umapLayout(graph));
  const [kmeans, kmeansTiming] = timed(() => sphericalKMeans(data.vectors, DIM, { weights: data.counts }));
  const sum = (...parts: Timing[]): Timing => ({
    wallMs: parts.reduce((a, t) => a + t.wallMs, 0),
    cpuMs: parts.reduce((a, t) => a + t.cpuMs, 0),
  });
  return {
    n,
    events,
    trueClusters,
    knnRecallAt15: round(sampledRecall(data, graph, 100)),
    hdbscanClusters: byEvents.nClusters,
    hdbscanAri: round(adjustedRandIndex(byEvents.labels, data.truth)),
    hdbscanPatternDensityClusters: byPatterns.nClusters,
    hdbscanPatternDensityAri: round(adjustedRandIndex(byPatterns.labels, data.truth)),
    kmeansAri: round(adjustedRandIndex(kmeans.labels, data.truth)),
    timings: {
      knnUsearch,
      knnExact,
      hdbscan: hdbscanTiming,
      hdbscanPatternDensity,
      umap,
      kmeans: kmeansTiming,
      clusterAndProject: sum(knnUsearch, hdbscanTiming, umap),
    },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Nanoseconds per iteration of a fixed floating-point loop (wall and CPU): how fast this CPU is for us now. */
function calibration(): { wallNsPerOp: number; cpuNsPerOp: number } {
  const iterations = 20_000_000;
  const [s, timing] = timed(() => {
    let sum = 0;
    for (let i = 1; i < iterations; i++) sum += Math.sqrt(i) * 1e-9;
    return sum;
  });
  if (!(s > 0)) throw new Error('calibration loop was optimized away');
  return { wallNsPerOp: round((timing.wallMs * 1e6) / iterations), cpuNsPerOp: round((timing.cpuMs * 1e6) / iterations) };
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
  const speed = calibration();
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
    calibration: speed,
  };
  const settings = { dim: DIM, k: K, threads, hdbscan: { minClusterSize: 50, minSamples: 10 }, umap: { nNeighbors: 15, minDist: 0.05 }, kmeansClusters: 30 };
  console.log(JSON.stringify({ benchmark: 'cluster', machine, settings, results }, null, 2));
}

main();

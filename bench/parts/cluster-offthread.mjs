// What a watch's re-clustering costs the thread that answers HTTP: the service's event loop delay
// (perf_hooks.monitorEventLoopDelay) while clusterPatterns runs on synthetic pattern vectors, in this
// thread (as before) and in a worker thread (clusterPatternsInWorker). A request arriving meanwhile waits
// at least this long. The service now runs its whole clustering, reads and writes included, in a worker
// of its own (engine/service/watch-clustering-worker.ts), which calls clusterPatterns directly.
//
// Usage: node bench/parts/cluster-offthread.mjs [--patterns 20000]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { emit, log, parseArgs, round, stopwatch } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const n = Number(args.patterns ?? 20_000);
const dim = 384;
const { clusterPatterns, clusterPatternsInWorker, syntheticPatterns } = await engine.clusterFunctions();
const data = syntheticPatterns({ n, dim, clusters: Math.max(4, Math.round(n / 250)), seed: 1 });
const options = { method: 'hdbscan', project: true, seed: 42 };

async function measure(name, run) {
  log('cluster-offthread', `${n} patterns, ${name}`);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const wall = stopwatch();
  // Give the monitor a turn of the loop before the work starts.
  await new Promise((r) => setTimeout(r, 20));
  await run();
  const seconds = wall().wallSeconds;
  // And a turn after it, so that a delay the work caused is sampled.
  await new Promise((r) => setTimeout(r, 20));
  delay.disable();
  return { wallSeconds: round(seconds, 2), loopDelayMaxMs: round(delay.max / 1e6, 1), loopDelayP99Ms: round(delay.percentile(99) / 1e6, 1) };
}

const inThread = await measure('in this thread', async () => clusterPatterns(data.vectors, dim, data.counts, options));
const inWorker = await measure('in a worker thread', () => clusterPatternsInWorker(data.vectors, dim, data.counts, options));
emit({ part: 'cluster-offthread', patterns: n, inThread, inWorker });

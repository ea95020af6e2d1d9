// clusterPatterns in a worker thread: HDBSCAN and UMAP over a large watch take seconds of CPU, and in
// the service's thread they would hold up every HTTP answer and every ingest batch meanwhile. One
// worker per call (a clustering runs at most every --recluster-seconds), ended when it answers.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { clusterPatterns, type PatternClustering, type PatternClusteringOptions } from './cluster-patterns.js';

interface ClusterJob {
  vectors: Float32Array;
  dim: number;
  weights: Float64Array;
  options: PatternClusteringOptions;
}

type ClusterReply = { ok: true; result: PatternClustering } | { ok: false; error: string };

/** clusterPatterns(vectors, dim, weights, options), computed in a worker thread; `signal` ends it early. */
export function clusterPatternsInWorker(
  vectors: Float32Array,
  dim: number,
  weights: ArrayLike<number>,
  options: PatternClusteringOptions = {},
  signal?: AbortSignal,
): Promise<PatternClustering> {
  const job: ClusterJob = { vectors, dim, weights: Float64Array.from(weights), options };
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('clustering stopped'));
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    let settled = false;
    signal?.addEventListener(
      'abort',
      () => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        reject(new Error('clustering stopped'));
      },
      { once: true },
    );
    worker.once('message', (reply: ClusterReply) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`clustering failed: ${reply.error}`));
    });
    worker.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the clustering worker exited (${code}) without an answer`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as ClusterJob | undefined)?.vectors) {
  const job = workerData as ClusterJob;
  let reply: ClusterReply;
  try {
    reply = { ok: true, result: clusterPatterns(job.vectors, job.dim, job.weights, job.options) };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort.postMessage(reply);
}

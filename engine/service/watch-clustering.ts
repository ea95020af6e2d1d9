// Clusters a watch's templates into themes (HDBSCAN over their vectors with clusterPatterns' defaults,
// the same as `logatlas analyze`) and lays them out in 2-D (UMAP) for the scatter panel; the result
// replaces the stored clusters. Recomputed by the runner when new templates arrived and enough time has
// passed: it is a whole-set computation, not incremental.
//
// All of it runs in a worker thread on its own connection to the store (watch-clustering-worker.ts), in
// two steps: `computed` (read, cluster, describe: a minute for 100,000 templates, while the watch goes on
// ingesting), then `write()`, which the runner calls with its ingest held back, so that the placements
// written and the sums per cluster read after them see the same commits as the thread that installs them.
import { Worker } from 'node:worker_threads';
import type { SeriesSnapshot } from '../store/cluster-series.js';
import type { ClusterRecord, PatternPlacement } from '../store/watch-store.js';

export interface ClusteringJob {
  dbPath: string;
}

/** Placements as columns (they cross threads without copying). */
export interface PlacementColumns {
  keys: Int32Array;
  clusters: Int32Array;
  x: Float64Array;
  y: Float64Array;
}

export type ClusteringReply =
  | { kind: 'computed'; patterns: number; clusters: number }
  | { kind: 'written'; placements: PlacementColumns; clusters: ClusterRecord[]; series: SeriesSnapshot }
  | { kind: 'failed'; error: string };

export interface WrittenClustering {
  placements: Map<number, PatternPlacement>;
  clusters: ClusterRecord[];
  series: SeriesSnapshot;
}

export interface WatchClustering {
  /** Resolves when the clustering is computed and ready to be written (rejects if it failed or stopped). */
  computed: Promise<{ patterns: number; clusters: number }>;
  /** Writes it to the store and returns what was written with the sums per cluster read after it. */
  write(): Promise<WrittenClustering>;
}

const WORKER_SCRIPT = new URL('./watch-clustering-worker.js', import.meta.url);

/** Starts clustering the watch whose store is `dbPath`; `signal` ends the worker (not during its write). */
export function clusterWatch(dbPath: string, signal?: AbortSignal): WatchClustering {
  const worker = new Worker(WORKER_SCRIPT, { workerData: { dbPath } satisfies ClusteringJob });
  let writing = false;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    void worker.terminate();
  };
  const next = () =>
    new Promise<ClusteringReply>((resolve, reject) => {
      const stop = () => {
        if (writing) return; // a transaction under way finishes; the worker ends when it answers
        end();
        reject(new Error('clustering stopped'));
      };
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      const settle = (fn: () => void) => {
        signal?.removeEventListener('abort', stop);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
      };
      const onMessage = (reply: ClusteringReply) =>
        settle(() => (reply.kind === 'failed' ? (end(), reject(new Error(`clustering failed: ${reply.error}`))) : resolve(reply)));
      const onError = (err: Error) => settle(() => (end(), reject(err)));
      const onExit = (code: number) => settle(() => reject(new Error(`the clustering worker exited (${code}) without an answer`)));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  const computed = next().then((reply) => {
    if (reply.kind !== 'computed') throw new Error(`clustering: unexpected ${reply.kind}`);
    return { patterns: reply.patterns, clusters: reply.clusters };
  });
  computed.catch(end);
  return {
    computed,
    async write() {
      await computed;
      writing = true;
      const answer = next();
      worker.postMessage('write');
      try {
        const reply = await answer;
        if (reply.kind !== 'written') throw new Error(`clustering: unexpected ${reply.kind}`);
        return { placements: placementMap(reply.placements), clusters: reply.clusters, series: reply.series };
      } finally {
        writing = false;
        end();
      }
    },
  };
}

function placementMap(c: PlacementColumns): Map<number, PatternPlacement> {
  const out = new Map<number, PatternPlacement>();
  for (let i = 0; i < c.keys.length; i++) out.set(c.keys[i], { patternKey: c.keys[i], cluster: c.clusters[i], x: c.x[i], y: c.y[i] });
  return out;
}

// The engine as the bench uses it: compiled modules from build/ (`npm run build` first). One place names
// the engine's entry points, so a renamed export breaks here with a clear message, not in every part.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { modelsDir, repoRoot } from './common.mjs';

// run.mjs points this at a snapshot of build/engine taken when the run starts, so that a rebuild by
// someone else during a long run cannot mix two engine versions in one result.
const buildDir = process.env.LOGATLAS_BENCH_ENGINE_DIR ?? join(repoRoot, 'build/engine');

async function load(relPath, exportName) {
  const file = join(buildDir, relPath);
  if (!existsSync(file)) {
    throw new Error(`bench: ${file} is missing; run \`npm run build\` (or the engine module is not written yet)`);
  }
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod[exportName] !== 'function') {
    throw new Error(`bench: ${relPath} has no export ${exportName} (exports: ${Object.keys(mod).join(', ')})`);
  }
  return mod[exportName];
}

export async function openEvents(inputs, options) {
  const open = await load('events/open.js', 'openEvents');
  return open(inputs, options);
}

/** Events in batches (one await per batch), as the CLI feeds engine/ingest/ingest.ts. */
export async function openEventBatches(inputs, options) {
  const open = await load('events/open.js', 'openEventBatches');
  return open(inputs, options);
}

/** The engine's default canonicalizer (macro2micro defaults: IPs and numbers of ≥ 2 digits masked). */
export async function createCanonicalizer() {
  const create = await load('canonical/index.js', 'createCanonicalizer');
  return create();
}

/** The text a pattern is embedded as (its canonical form without meaningless placeholders). */
export async function embeddingText() {
  return load('canonical/embedding-text.js', 'embeddingText');
}

export async function PatternTable() {
  return load('patterns/pattern-table.js', 'PatternTable');
}

export async function VectorIndex() {
  return load('index/vector-index.js', 'VectorIndex');
}

export async function similarToLine() {
  return load('detect/similar.js', 'similarToLine');
}

/** The engine's MiniLM embedder as the CLI and service open it (worker thread), model from shared/models. */
export async function createEmbedder(dtype) {
  const openEmbedder = await load('embed/open-embedder.js', 'openEmbedder');
  return openEmbedder({ dtype, modelDir: modelsDir });
}

/**
 * The engine's cached embedder as a baseline uses it: the persistent SQLite vector cache of engine/store
 * in a fresh database file under `dir`.
 */
export async function createCachedEmbedder(inner, dir) {
  const CachedEmbedder = await load('embed/cached-embedder.js', 'CachedEmbedder');
  const openDatabase = await load('store/database.js', 'openDatabase');
  const SqliteVectorCache = await load('store/vector-cache.js', 'SqliteVectorCache');
  const cache = new SqliteVectorCache(openDatabase(join(dir, 'bench-vectors.db')));
  return { embedder: new CachedEmbedder(inner, cache), cache };
}

/** clusterPatterns (the engine's entry point), the synthetic pattern generator and ARI, for the cluster part. */
export async function clusterFunctions() {
  return {
    clusterPatterns: await load('cluster/cluster-patterns.js', 'clusterPatterns'),
    syntheticPatterns: await load('cluster/synthetic.js', 'syntheticPatterns'),
    adjustedRandIndex: await load('cluster/metrics.js', 'adjustedRandIndex'),
    clusterPatternsInWorker: await load('cluster/cluster-worker.js', 'clusterPatternsInWorker'),
  };
}

/** Range jobs and what a watch gives them (its baseline and the canonicalizer of its config). */
export async function rangeJobModules() {
  return {
    Baseline: await load('store/baseline.js', 'Baseline'),
    RangeJobs: await load('service/range-jobs.js', 'RangeJobs'),
    watchBaselineConfig: await load('service/watch-config.js', 'watchBaselineConfig'),
    watchCanonicalizer: await load('service/watch-config.js', 'watchCanonicalizer'),
  };
}

/** Modules of the service, for the API and watch-ingest benches (classes and functions by name). */
export async function serviceModules() {
  return {
    Baseline: await load('store/baseline.js', 'Baseline'),
    SqliteWatchStore: await load('store/watch-store.js', 'SqliteWatchStore'),
    WatchRegistry: await load('store/watch-registry.js', 'WatchRegistry'),
    watchDir: await load('store/watch-registry.js', 'watchDir'),
    watchBaselineConfig: await load('service/watch-config.js', 'watchBaselineConfig'),
    startVictoriaLogs: await load('victorialogs/harness.js', 'startVictoriaLogs'),
    push: await load('loki/push.js', 'push'),
  };
}

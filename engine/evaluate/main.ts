/**
 * `npm run eval -- [--data DIR] [--json FILE] [--cache DIR] [--model-dir DIR]
 *                  [--cluster hdbscan|kmeans|none] [--min-cluster-size N] [--min-samples N] [--n-clusters N]`
 * Runs the engine's pipeline (canonicalize → patterns → embed, q8 → clusterPatterns) on every data
 * set of DIR (Loghub-2k layout, default ../shared/datasets/loghub-2k), raw lines and Content column,
 * and scores each line's group against the true EventId. Without clustering options, the settings are
 * exactly what a user gets by default. Prints a Markdown table on stdout, progress on stderr; vectors
 * are cached in a SQLite file (default: <tmpdir>/logatlas-eval-cache) so reruns do not call the model.
 * The model comes from --model-dir, else LOGATLAS_MODEL_DIR, else ../shared/models.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanonicalizer } from '../canonical/canonicalizer.js';
import type { ClusterMethod, PatternClusteringOptions } from '../cluster/cluster-patterns.js';
import { CachedEmbedder } from '../embed/cached-embedder.js';
import { developmentModelDir, MODEL_DIR_ENV_VAR } from '../embed/model-location.js';
import { openEmbedder } from '../embed/open-embedder.js';
import { openDatabase } from '../store/database.js';
import { SqliteVectorCache } from '../store/vector-cache.js';
import { Progress } from '../cli/progress.js';
import { evaluateDatasets } from './evaluation.js';
import { evaluationTable } from './evaluation-table.js';
import { readLoghubDatasets } from './loghub-datasets.js';

const DEFAULT_DATA = fileURLToPath(new URL('../../../../shared/datasets/loghub-2k', import.meta.url));

interface Arguments {
  data: string;
  json?: string;
  cache: string;
  modelDir?: string;
  cluster: PatternClusteringOptions;
}

function parseArguments(argv: string[]): Arguments {
  const out: Arguments = { data: DEFAULT_DATA, cache: join(tmpdir(), 'logatlas-eval-cache'), cluster: {} };
  const value = (i: number, name: string): string => {
    if (i >= argv.length) throw new Error(`${name} needs a value`);
    return argv[i];
  };
  const count = (text: string, name: string): number => {
    const x = Number(text);
    if (!Number.isFinite(x) || x <= 0) throw new Error(`${name} must be a positive number, got ${text}`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--data') out.data = resolve(value(++i, name));
    else if (name === '--json') out.json = resolve(value(++i, name));
    else if (name === '--cache') out.cache = resolve(value(++i, name));
    else if (name === '--model-dir') out.modelDir = resolve(value(++i, name));
    else if (name === '--cluster') {
      const method = value(++i, name);
      if (!['hdbscan', 'kmeans', 'none'].includes(method)) throw new Error(`--cluster must be hdbscan, kmeans or none, got ${method}`);
      out.cluster.method = method as ClusterMethod;
    } else if (name === '--min-cluster-size') out.cluster.minClusterSize = count(value(++i, name), name);
    else if (name === '--min-samples') out.cluster.minSamples = Math.round(count(value(++i, name), name));
    else if (name === '--n-clusters') out.cluster.nClusters = Math.round(count(value(++i, name), name));
    else throw new Error(`unknown argument ${name}`);
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArguments(argv);
  const datasets = readLoghubDatasets(args.data);
  process.stderr.write(`[eval] ${datasets.length} data sets from ${args.data}; vector cache in ${args.cache}\n`);
  const cache = new SqliteVectorCache(openDatabase(join(args.cache, 'vectors.db')));
  // A development tool: without --model-dir or LOGATLAS_MODEL_DIR, the shared model folder (../shared/models).
  const modelDir = args.modelDir ?? (process.env[MODEL_DIR_ENV_VAR] ? undefined : developmentModelDir());
  const model = await openEmbedder({ dtype: 'q8', modelDir });
  const cached = new CachedEmbedder(model, cache);
  const progress = new Progress('[eval] embedding');
  const embedder = {
    model: cached.model,
    dtype: cached.dtype,
    dim: cached.dim,
    embed: (texts: string[]) => cached.embed(texts, (done, total) => progress.update(done, total)).finally(() => progress.done()),
    close: () => cached.close(),
  };
  const started = Date.now();
  try {
    const result = await evaluateDatasets(datasets, createCanonicalizer(), embedder, args.cluster, (s) =>
      process.stderr.write(`[eval] ${s.index + 1}/${s.total} ${s.dataset} ${s.input}\n`),
    );
    const table = evaluationTable(result);
    process.stdout.write(`${table}\n`);
    const settings = { data: args.data, dtype: 'q8', cluster: args.cluster, seconds: Math.round((Date.now() - started) / 100) / 10 };
    if (args.json) writeFileSync(args.json, `${JSON.stringify({ evaluation: 'loghub', settings, ...result }, null, 2)}\n`);
  } finally {
    await embedder.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`logatlas eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof Error && err.name === 'InputError' ? 2 : 1);
});

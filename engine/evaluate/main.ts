/**
 * `npm run eval -- [--data DIR] [--json FILE] [--cache DIR] [--model-dir DIR]`
 * The evaluation protocol on every data set of DIR (Loghub-2k layout, default ../shared/datasets/loghub-2k),
 * raw lines and Content column, scored against the true EventId (README, Evaluation):
 * - the template level (micro) with the engine's defaults (the all-sets figure) and leave-one-data-set-out
 *   (the template layer's parameters and the canonicalizer rules chosen on the other sets), beside the
 *   baseline of exact canonical forms;
 * - first-seen alerts (first half of each log known, second half scored);
 * - single-rule ablation of the canonicalizer;
 * - the macro level (clusters of templates: themes).
 * Prints Markdown tables on stdout, progress on stderr; `--json FILE` writes everything. Template vectors
 * are cached in a SQLite file (default: <tmpdir>/logatlas-eval-cache) so reruns do not call the model.
 * The model comes from --model-dir, else LOGATLAS_MODEL_DIR, else ../shared/models.
 */
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CachedEmbedder } from '../embed/cached-embedder.js';
import { developmentModelDir, MODEL_DIR_ENV_VAR } from '../embed/model-location.js';
import { openEmbedder } from '../embed/open-embedder.js';
import { openDatabase } from '../store/database.js';
import { SqliteVectorCache } from '../store/vector-cache.js';
import { Progress } from '../cli/progress.js';
import { evaluate } from './evaluation.js';
import { evaluationTable } from './evaluation-table.js';
import { readLoghubDatasets } from './loghub-datasets.js';

const DEFAULT_DATA = fileURLToPath(new URL('../../../../shared/datasets/loghub-2k', import.meta.url));

interface Arguments {
  data: string;
  json?: string;
  cache: string;
  modelDir?: string;
}

function parseArguments(argv: string[]): Arguments {
  const out: Arguments = { data: DEFAULT_DATA, cache: join(tmpdir(), 'logatlas-eval-cache') };
  const value = (i: number, name: string): string => {
    if (i >= argv.length) throw new Error(`${name} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--data') out.data = resolve(value(++i, name));
    else if (name === '--json') out.json = resolve(value(++i, name));
    else if (name === '--cache') out.cache = resolve(value(++i, name));
    else if (name === '--model-dir') out.modelDir = resolve(value(++i, name));
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
    maxTokens: cached.maxTokens,
    embed: (texts: string[]) => cached.embed(texts, (done, total) => progress.update(done, total)).finally(() => progress.done()),
    close: () => cached.close(),
  };
  const started = Date.now();
  const loadBefore = loadavg()[0];
  try {
    const result = await evaluate(datasets, embedder, { onStage: (message) => process.stderr.write(`[eval] ${message}\n`) });
    process.stdout.write(`${evaluationTable(result)}\n`);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const load = [loadBefore, loadavg()[0]].map((x) => Math.round(x * 100) / 100);
    process.stderr.write(`[eval] done in ${seconds} s (load average ${load[0]} at start, ${load[1]} at the end)\n`);
    const settings = { data: args.data, dtype: 'q8', seconds, loadAverage: load };
    if (args.json) writeFileSync(args.json, `${JSON.stringify({ evaluation: 'loghub', settings, ...result }, null, 2)}\n`);
  } finally {
    await embedder.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`logatlas eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof Error && err.name === 'InputError' ? 2 : 1);
});

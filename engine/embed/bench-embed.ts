/**
 * Embedding throughput, in lines/s of distinct texts, printed as one JSON object per run:
 *   (a) `merged`: 2,000 distinct raw lines of scalyr-samples/merged_events.txt (spread over the file)
 *   (b) `loghub`: every distinct raw line of the nine loghub-2k logs
 * Usage (after `npx tsc`):
 *   node build/engine/embed/bench-embed.js [--dtype q8,fp32] [--datasets merged,loghub] [--batch-size N]
 *     [--threads N] [--worker] [--baseline] [--limit N] [--repeat N] [--model-dir DIR]
 * `--baseline` runs transformers.js's feature-extraction pipeline the way the models README measured
 * it (tokenizer truncation at 256, batch 64, lines sorted by length) for a before/after figure.
 * Also reports CPU seconds (all threads) and the load average: other processes on the machine skew
 * wall-clock figures, and the benchmark reports rather than judges. When both dtypes run, one more
 * line gives q8's cosine to fp32 on the same lines (fp32 equals sentence-transformers: cosine 1.00000).
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { env as transformersEnv, pipeline } from '@huggingface/transformers';
import type { Embedder } from './embedder.js';
import { DEFAULT_BATCH_SIZE, TransformersEmbedder } from './minilm.js';
import type { TransformersEmbedderOptions } from './minilm.js';
import { DEFAULT_MODEL_ID, applyModelSource, developmentModelDir, resolveModelSource } from './model-location.js';
import type { EmbedDtype } from './model-location.js';
import { WorkerEmbedder } from './worker-embedder.js';
import { cosine, loghubLines, mergedEventLines } from './embed-fixtures.js';

interface RunResult {
  dataset: string;
  dtype: EmbedDtype;
  runner: 'main-thread' | 'worker' | 'baseline-pipeline';
  batchSize: number;
  threads: number | 'ort-default';
  lines: number;
  loadSeconds: number;
  seconds: number;
  linesPerSecond: number;
  cpuSeconds: number;
  loadAverage: number;
  cores: number;
}

const { values: args } = parseArgs({
  options: {
    dtype: { type: 'string', default: 'q8,fp32' },
    datasets: { type: 'string', default: 'merged,loghub' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    threads: { type: 'string' },
    worker: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    limit: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    'model-dir': { type: 'string' },
  },
});

const DATASETS: Record<string, () => string[]> = {
  merged: () => mergedEventLines(2000),
  loghub: () => loghubLines(),
};

/** The pre-existing way: the feature-extraction pipeline, as measured in ../shared/models/README.md. */
class BaselinePipelineEmbedder implements Embedder {
  readonly model = DEFAULT_MODEL_ID;
  readonly dim = 384;
  readonly maxTokens = 256;
  private constructor(
    private readonly extract: (texts: string[], o: object) => Promise<{ tolist(): number[][] }>,
    readonly dtype: EmbedDtype,
    private readonly batchSize: number,
  ) {}

  static async load(dtype: EmbedDtype, modelDir: string, batchSize: number, threads?: number): Promise<BaselinePipelineEmbedder> {
    applyModelSource({ kind: 'local', dir: modelDir, origin: 'option' }, transformersEnv);
    const session_options = threads ? { intraOpNumThreads: threads } : {};
    const extractor = await pipeline('feature-extraction', DEFAULT_MODEL_ID, { dtype, session_options });
    (extractor.tokenizer as unknown as { model_max_length: number }).model_max_length = 256;
    return new BaselinePipelineEmbedder(extractor as never, dtype, batchSize);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
    const out = new Array<Float32Array>(texts.length);
    for (let i = 0; i < order.length; i += this.batchSize) {
      const batch = order.slice(i, i + this.batchSize);
      const vectors = (
        await this.extract(
          batch.map((j) => texts[j]),
          { pooling: 'mean', normalize: true },
        )
      ).tolist();
      batch.forEach((j, k) => (out[j] = Float32Array.from(vectors[k])));
    }
    return out;
  }

  async close(): Promise<void> {}
}

async function openEmbedder(dtype: EmbedDtype, batchSize: number, threads: number | undefined, modelDir: string): Promise<Embedder> {
  if (args.baseline) return BaselinePipelineEmbedder.load(dtype, modelDir, 64, threads);
  const options: TransformersEmbedderOptions = { modelDir, dtype, batchSize, intraOpThreads: threads };
  return args.worker ? WorkerEmbedder.start(options) : TransformersEmbedder.load(options);
}

async function run(dataset: string, texts: string[], dtype: EmbedDtype, modelDir: string): Promise<{ result: RunResult; vectors: Float32Array[] }> {
  const batchSize = args.baseline ? 64 : Number(args['batch-size']);
  const threads = args.threads ? Number(args.threads) : undefined;
  const loadStart = performance.now();
  const embedder = await openEmbedder(dtype, batchSize, threads, modelDir);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const vectors = await embedder.embed(texts);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  await embedder.close();
  const result: RunResult = {
    dataset,
    dtype,
    runner: args.baseline ? 'baseline-pipeline' : args.worker ? 'worker' : 'main-thread',
    batchSize,
    threads: threads ?? (args.baseline ? 'ort-default' : availableParallelism()), // minilm.ts's default
    lines: texts.length,
    loadSeconds: round(loadSeconds),
    seconds: round(seconds),
    linesPerSecond: round(texts.length / seconds),
    // Worker threads' CPU time is included: process.cpuUsage covers the whole process.
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    loadAverage: round(loadavg()[0]),
    cores: availableParallelism(),
  };
  return { result, vectors };
}

/** q8's agreement with fp32 on the same lines: min, 1st percentile, mean cosine. */
function q8Fidelity(dataset: string, q8: Float32Array[], fp32: Float32Array[]) {
  const cosines = q8.map((v, i) => cosine(v, fp32[i])).sort((a, b) => a - b);
  const mean = cosines.reduce((sum, c) => sum + c, 0) / cosines.length;
  const at = (q: number) => Number(cosines[Math.floor(q * (cosines.length - 1))].toFixed(4));
  return { dataset, fidelity: 'q8 vs fp32 cosine', lines: cosines.length, min: at(0), p01: at(0.01), median: at(0.5), mean: Number(mean.toFixed(4)) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function main(): Promise<void> {
  const source = resolveModelSource({ modelDir: args['model-dir'] });
  const modelDir = source.kind === 'local' ? source.dir : developmentModelDir();
  const limit = args.limit ? Number(args.limit) : Infinity;
  for (const dataset of args.datasets!.split(',')) {
    const load = DATASETS[dataset];
    if (!load) throw new Error(`unknown dataset ${dataset}; known: ${Object.keys(DATASETS).join(', ')}`);
    const texts = load().slice(0, limit);
    const lastVectors = new Map<EmbedDtype, Float32Array[]>();
    for (let r = 0; r < Number(args.repeat); r++) {
      for (const dtype of args.dtype!.split(',') as EmbedDtype[]) {
        const { result, vectors } = await run(dataset, texts, dtype, modelDir);
        console.log(JSON.stringify(result));
        lastVectors.set(dtype, vectors);
      }
    }
    const [q8, fp32] = [lastVectors.get('q8'), lastVectors.get('fp32')];
    if (q8 && fp32) console.log(JSON.stringify(q8Fidelity(dataset, q8, fp32)));
  }
}

await main();

import { createCanonicalizer, loadUserRules, type UserRules } from '../canonical/index.js';
import type { Canonicalizer } from '../canonical/types.js';
import type { QueryContext } from '../detect/similar.js';
import { CachedEmbedder } from '../embed/cached-embedder.js';
import type { Embedder } from '../embed/embedder.js';
import { DEFAULT_MODEL_ID, type EmbedDtype } from '../embed/model-location.js';
import { DeferredEmbedder } from './deferred-embedder.js';
import type { LogEvent, ReadWarning } from '../events/event.js';
import { openEventBatches, type ReadOptions } from '../events/open.js';
import type { Baseline, BaselineConfig } from '../store/baseline.js';
import { newBaselineConfigFor } from '../store/baseline-config.js';

/** Options every command may carry (commander fills what the command defines). */
export interface CommonOptions {
  format?: 'auto' | 'text' | 'csv' | 'jsonl';
  limit?: number;
  textCol?: string;
  metaCols?: string[];
  keepAllMeta?: boolean;
  tsCol?: string;
  delimiter?: string;
  header?: boolean;
  jsonMessageKey?: string;
  jsonTsKeys?: string[];
  timeZone?: string;
  maskIps?: boolean;
  maskNumbers?: boolean;
  numbersMinLen?: number;
  maskUsers?: boolean;
  rules?: string;
  modelDir?: string;
  dtype?: 'q8' | 'fp32';
  batchSize?: number;
}

/**
 * The config of a new baseline, from the command's flags and the loaded model. User rules are stored
 * with it, not re-read, so later queries canonicalize exactly as indexing did.
 */
export function newBaselineConfig(opts: CommonOptions, model: { model: string; dtype: string; dim: number; maxTokens: number }): BaselineConfig {
  const userRules: UserRules | undefined = opts.rules ? loadUserRules(opts.rules) : undefined;
  return newBaselineConfigFor(model, {
    // The full option set (defaults filled in) is stored, so later defaults never change a baseline.
    ...createCanonicalizer({
      maskIps: opts.maskIps,
      maskNumbers: opts.maskNumbers,
      numbersMinLen: opts.numbersMinLen,
      maskUsers: opts.maskUsers,
    }).options,
    ...(userRules ? { userRules } : {}),
  });
}

export function canonicalizerFor(config: BaselineConfig): Canonicalizer {
  const { userRules, ...options } = config.canonical;
  return createCanonicalizer({ ...options, userRules: userRules as UserRules | undefined });
}

/**
 * Starts the model in a worker thread, so progress and I/O go on while it computes. With a baseline
 * config, the baseline's model and dtype win over the flags; with neither, the embedder's default dtype.
 * The embedder modules are imported here, not at the top: commands that need no model never load them.
 */
export async function startModel(opts: CommonOptions, config?: BaselineConfig): Promise<Embedder> {
  const { WorkerEmbedder } = await import('../embed/worker-embedder.js');
  return WorkerEmbedder.start({
    modelId: config?.model ?? DEFAULT_MODEL_ID,
    dtype: (config?.dtype ?? opts.dtype) as EmbedDtype | undefined,
    modelDir: opts.modelDir,
    batchSize: opts.batchSize,
    // A baseline's vectors were made with its token cap: its queries use the same.
    maxTokens: config ? (config.maxTokens ?? 256) : undefined,
  });
}

/**
 * The baseline's model, started only when a text is missing from the vector cache: indexing or
 * querying lines whose patterns are known loads no model at all.
 */
export function modelOnDemand(opts: CommonOptions, config: BaselineConfig): Embedder {
  return new DeferredEmbedder(config, () => startModel(opts, config));
}

/** The model behind the baseline's persistent vector cache: each canonical form is embedded once, ever. */
export function cachedFor(model: Embedder, baseline: Baseline): Embedder {
  return new CachedEmbedder(model, baseline.vectorCache);
}

export async function queryContextFor(baseline: Baseline, opts: CommonOptions): Promise<QueryContext> {
  const config = baseline.requireConfig();
  if (opts.dtype && opts.dtype !== config.dtype) {
    process.stderr.write(`logatlas: note: ${baseline.dir} was built with dtype ${config.dtype}; using it, not ${opts.dtype}\n`);
  }
  const index = baseline.vectorIndex();
  return {
    canonicalizer: canonicalizerFor(config),
    embedder: cachedFor(modelOnDemand(opts, config), baseline),
    patterns: baseline.patterns,
    index,
  };
}

const MAX_PRINTED_WARNINGS = 20;

/** The reader options the CLI's read flags ask for; warnings go to `onWarning`. */
export function readOptionsFrom(opts: CommonOptions, onWarning: (w: ReadWarning) => void): ReadOptions {
  return {
    format: opts.format,
    limit: opts.limit,
    textCol: opts.textCol !== undefined && /^\d+$/.test(opts.textCol) ? Number(opts.textCol) : opts.textCol,
    metaCols: opts.metaCols,
    keepAllMeta: opts.keepAllMeta,
    tsCol: opts.tsCol,
    delimiter: opts.delimiter,
    noHeader: opts.header === false,
    messageKey: opts.jsonMessageKey,
    jsonTsKeys: opts.jsonTsKeys,
    timeZone: opts.timeZone,
    onWarning,
  };
}

/** Batches of events from files or stdin, with read warnings printed (the first few in full, then a count). */
export async function* eventBatchesFrom(files: string[], opts: CommonOptions): AsyncGenerator<LogEvent[]> {
  let warnings = 0;
  const read = readOptionsFrom(opts, (w) => {
    warnings++;
    if (warnings <= MAX_PRINTED_WARNINGS) process.stderr.write(`logatlas: warning: ${w.origin}:${w.line}: ${w.message}\n`);
  });
  yield* openEventBatches(files, read);
  if (warnings > MAX_PRINTED_WARNINGS) {
    process.stderr.write(`logatlas: ${warnings - MAX_PRINTED_WARNINGS} more warnings not shown (${warnings} in all)\n`);
  }
}

/**
 * Where the embedding model comes from: a local folder (option `modelDir` / CLI `--model-dir`, or env
 * `LOGATLAS_MODEL_DIR`) or, by default, the Hugging Face hub the way transformers.js fetches it for users
 * (downloaded once into transformers.js's own cache dir). A model that cannot be found raises one
 * `ModelNotFoundError` that says where we looked and how to fix it.
 *
 * This module does not import transformers.js (it is heavy); `applyModelSource` takes its `env`.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';
export const MODEL_DIR_ENV_VAR = 'LOGATLAS_MODEL_DIR';
export const HUB_URL = 'https://huggingface.co';

export type EmbedDtype = 'q8' | 'fp32';
export const EMBED_DTYPES: readonly EmbedDtype[] = ['q8', 'fp32'];

export type ModelSource = { kind: 'local'; dir: string; origin: 'option' | 'env' } | { kind: 'hub' };

export interface ModelLocationOptions {
  /** Folder holding `<model id>/` (CLI `--model-dir`); wins over the environment variable. */
  modelDir?: string;
  /** Environment to read `LOGATLAS_MODEL_DIR` from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** The subset of transformers.js's `env` that decides where models are read from. */
export interface TransformersModelEnv {
  localModelPath: string;
  allowLocalModels: boolean;
  allowRemoteModels: boolean;
  cacheDir?: string | null;
}

/** Option, then environment variable, then the hub. Relative folders resolve against the cwd. */
export function resolveModelSource(options: ModelLocationOptions = {}): ModelSource {
  if (options.modelDir) return { kind: 'local', dir: resolve(options.modelDir), origin: 'option' };
  const fromEnv = (options.env ?? process.env)[MODEL_DIR_ENV_VAR];
  if (fromEnv) return { kind: 'local', dir: resolve(fromEnv), origin: 'env' };
  return { kind: 'hub' };
}

/** Files transformers.js reads for a BERT-style embedder, relative to the model's own folder. */
export function requiredModelFiles(dtype: EmbedDtype): string[] {
  const onnx = dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnx];
}

export class ModelNotFoundError extends Error {
  override readonly name = 'ModelNotFoundError';
  constructor(
    message: string,
    /** Folders or URLs that were searched. */
    readonly lookedIn: string[],
    /** Files absent from a local folder (relative to the model folder); empty for the hub. */
    readonly missingFiles: string[] = [],
  ) {
    super(message);
  }
}

function howToFix(modelId: string, dtype: EmbedDtype): string {
  const layout = requiredModelFiles(dtype)
    .map((f) => `  DIR/${modelId}/${f}`)
    .join('\n');
  return (
    `Fix: pass --model-dir DIR (option modelDir) or set ${MODEL_DIR_ENV_VAR}=DIR, where DIR holds:\n` +
    `${layout}\n` +
    `(q8 reads onnx/model_quantized.onnx, fp32 reads onnx/model.onnx; in development and CI DIR is ../shared/models.)`
  );
}

/** Throws ModelNotFoundError unless `dir/<modelId>/` holds every file the dtype needs. */
export function checkLocalModel(dir: string, modelId: string, dtype: EmbedDtype, origin?: string): void {
  const modelFolder = join(dir, modelId);
  const missing = requiredModelFiles(dtype).filter((f) => !isFile(join(modelFolder, f)));
  if (missing.length === 0) return;
  const where = origin === 'env' ? ` (from ${MODEL_DIR_ENV_VAR})` : origin === 'option' ? ' (from --model-dir)' : '';
  const what = !existsSync(dir) ? `the folder ${dir} does not exist` : `missing in ${modelFolder}: ${missing.join(', ')}`;
  throw new ModelNotFoundError(
    `Embedding model ${modelId} (${dtype}) not found: looked in ${dir}${where}; ${what}.\n${howToFix(modelId, dtype)}`,
    [modelFolder],
    missing,
  );
}

/** The error for a hub download that failed (offline, blocked, unknown model id). */
export function hubUnreachableError(modelId: string, dtype: EmbedDtype, cacheDir: string | null | undefined, cause: unknown): ModelNotFoundError {
  const url = `${HUB_URL}/${modelId}`;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const cache = cacheDir ? ` and it is not in transformers.js's cache ${cacheDir}` : '';
  const error = new ModelNotFoundError(
    `Embedding model ${modelId} (${dtype}) not found: the Hugging Face hub (${url}) could not be reached or ` +
      `did not serve it (${reason})${cache}.\n${howToFix(modelId, dtype)}`,
    cacheDir ? [url, cacheDir] : [url],
  );
  error.cause = cause;
  return error;
}

/** transformers.js's own settings, captured before we first change them, so the hub mode can restore them. */
const originalSettings = new WeakMap<TransformersModelEnv, Pick<TransformersModelEnv, 'localModelPath' | 'allowLocalModels'>>();

/**
 * Points transformers.js at the source. Local: `localModelPath = dir`, no remote fallback (a partial
 * folder must not silently trigger a download). Hub: transformers.js's defaults (remote on, its own
 * cache dir), restored in case an earlier load in this process pointed it at a folder.
 */
export function applyModelSource(source: ModelSource, tfEnv: TransformersModelEnv): void {
  if (!originalSettings.has(tfEnv)) {
    originalSettings.set(tfEnv, { localModelPath: tfEnv.localModelPath, allowLocalModels: tfEnv.allowLocalModels });
  }
  if (source.kind === 'local') {
    tfEnv.localModelPath = source.dir.endsWith('/') ? source.dir : `${source.dir}/`;
    tfEnv.allowLocalModels = true;
    tfEnv.allowRemoteModels = false;
  } else {
    Object.assign(tfEnv, originalSettings.get(tfEnv));
    tfEnv.allowRemoteModels = true;
  }
}

/** The repository root: the nearest folder above this file that holds package.json (source or build/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!isFile(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** The shared model folder that development, tests and CI use: `<repo root>/../shared/models`. */
export function developmentModelDir(): string {
  return resolve(repoRoot(), '../shared/models');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

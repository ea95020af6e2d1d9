/**
 * The Embedder over transformers.js (ONNX Runtime): all-MiniLM-L6-v2 by default, producing the same
 * vectors as sentence-transformers. We tokenize and pool ourselves instead of using the
 * feature-extraction pipeline, to control truncation (256 tokens including [CLS] and [SEP]) and to
 * batch by length.
 */
import { availableParallelism } from 'node:os';
import { AutoModel, AutoTokenizer, Tensor, env as transformersEnv } from '@huggingface/transformers';
import type { PreTrainedModel, PreTrainedTokenizer } from '@huggingface/transformers';
import type { Embedder } from './embedder.js';
import { padBatch, planBatches } from './batching.js';
import { DEFAULT_MODEL_ID, EMBED_DTYPES, applyModelSource, checkLocalModel, hubUnreachableError, resolveModelSource } from './model-location.js';
import type { EmbedDtype, ModelLocationOptions } from './model-location.js';
import { claimOnnxRuntime } from './onnx-thread-guard.js';
import { meanPoolNormalize } from './pooling.js';
import { createTokenIdEncoder } from './token-ids.js';
import type { TokenIdEncoder } from './token-ids.js';
import { accelerateTokenizer } from './tokenizer-speedups.js';

export interface TransformersEmbedderOptions extends ModelLocationOptions {
  /** Hugging Face model id (default `Xenova/all-MiniLM-L6-v2`). */
  modelId?: string;
  /** `q8` (onnx/model_quantized.onnx) or `fp32` (onnx/model.onnx). */
  dtype?: EmbedDtype;
  /** Token limit including [CLS] and [SEP] (default DEFAULT_MAX_TOKENS; sentence-transformers runs this model at 256). */
  maxTokens?: number;
  /** Rows per model call (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** ONNX Runtime intra-op threads (default: the cores available to this process). */
  intraOpThreads?: number;
  /** Texts tokenized and length-sorted together within one call (default 4096); see embedNow. */
  sortWindow?: number;
}

export const DEFAULT_DTYPE: EmbedDtype = 'q8';
// all-MiniLM-L6-v2 was trained on inputs of 128 tokens; a template's compact text rarely needs more,
// and attention costs grow with length (merged_events' long records: see the README's Performance).
// sentence-transformers runs it at 256; the reference tests check both.
export const DEFAULT_MAX_TOKENS = 128;
/**
 * Measured: once batches are length-sorted little padding is left to amortize. With 2 threads,
 * batches of 8, 16, 32 and 64 ran within noise (±5 %) on long and short lines; with 1 thread, 8 used
 * the least CPU and 64–128 used 10–40 % more. Small batches also move q8 vectors less: q8's dynamic
 * quantization scales over the whole batch, so a text's q8 vector depends a little on its neighbours.
 */
export const DEFAULT_BATCH_SIZE = 8;

export const DEFAULT_SORT_WINDOW = 4096;

// Network failures from transformers.js's downloader (fetch) and its HTTP error mapping.
const DOWNLOAD_FAILURE =
  /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network|Could not locate file|Unauthorized|Forbidden|not found|\(\d{3}\) occurred while trying to load file/i;

/**
 * Measured on 2 cores, q8, one configuration per process: 2 threads ran 1.5–2× the lines/s of 1;
 * ONNX Runtime's spin-waiting between operators (its default, kept) beat turning it off by ~30 %; an
 * explicit thread count edged out ONNX Runtime's default pool (which also pins threads to cores).
 */
const onnxSessionOptions = (intraOpThreads: number) => ({ intraOpNumThreads: intraOpThreads });

export class TransformersEmbedder implements Embedder {
  readonly model: string;
  readonly dtype: EmbedDtype;
  readonly dim: number;
  readonly maxTokens: number;
  readonly batchSize: number;
  readonly sortWindow: number;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly onnxModel: PreTrainedModel,
    private readonly encodeIds: TokenIdEncoder,
    private readonly padId: number,
    private readonly releaseOnnx: () => void,
    settings: Pick<TransformersEmbedder, 'model' | 'dtype' | 'dim' | 'maxTokens' | 'batchSize' | 'sortWindow'>,
  ) {
    ({ model: this.model, dtype: this.dtype, dim: this.dim, maxTokens: this.maxTokens } = settings);
    ({ batchSize: this.batchSize, sortWindow: this.sortWindow } = settings);
  }

  /** Loads tokenizer and ONNX model; throws ModelNotFoundError when the model is not where it should be. */
  static async load(options: TransformersEmbedderOptions = {}): Promise<TransformersEmbedder> {
    const modelId = options.modelId ?? DEFAULT_MODEL_ID;
    const dtype = options.dtype ?? DEFAULT_DTYPE;
    const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!EMBED_DTYPES.includes(dtype)) throw new RangeError(`dtype must be one of ${EMBED_DTYPES.join(', ')}, got ${dtype}`);
    for (const [name, value] of Object.entries({ batchSize, sortWindow: options.sortWindow ?? 1 })) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }

    const source = resolveModelSource(options);
    if (source.kind === 'local') checkLocalModel(source.dir, modelId, dtype, source.origin);
    const releaseOnnx = claimOnnxRuntime('this-thread');
    applyModelSource(source, transformersEnv);
    const localOnly = source.kind === 'local';

    let tokenizer: PreTrainedTokenizer;
    let onnxModel: PreTrainedModel;
    try {
      tokenizer = await AutoTokenizer.from_pretrained(modelId, { local_files_only: localOnly });
      onnxModel = await AutoModel.from_pretrained(modelId, {
        dtype,
        local_files_only: localOnly,
        session_options: onnxSessionOptions(options.intraOpThreads ?? availableParallelism()),
      });
    } catch (error) {
      releaseOnnx();
      if (source.kind === 'hub' && DOWNLOAD_FAILURE.test(String((error as Error)?.message ?? error))) {
        throw hubUnreachableError(modelId, dtype, transformersEnv.cacheDir, error);
      }
      throw error;
    }

    accelerateTokenizer(tokenizer as unknown as Parameters<typeof accelerateTokenizer>[0]);
    const dim = (onnxModel.config as unknown as { hidden_size?: number }).hidden_size ?? 384;
    const encodeIds = createTokenIdEncoder(tokenizer, maxTokens);
    const settings = { model: modelId, dtype, dim, maxTokens, batchSize, sortWindow: options.sortWindow ?? DEFAULT_SORT_WINDOW };
    return new TransformersEmbedder(onnxModel, encodeIds, tokenizer.pad_token_id ?? 0, releaseOnnx, settings);
  }

  /** Token ids as the model sees them (truncated). Exposed for tests and diagnostics. */
  tokenize(text: string): number[] {
    return this.encodeIds(text);
  }

  embed(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    // One call at a time: concurrent ONNX runs would only compete for the same cores.
    const result = this.queue.then(() => this.embedNow(texts, onProgress));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async embedNow(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    if (this.closed) throw new Error('embedder is closed');
    const vectors = new Array<Float32Array>(texts.length);
    let done = 0;
    onProgress?.(0, texts.length);
    // Tokenize and length-sort a window at a time: token ids for a huge call never sit in memory
    // all at once and progress starts early, while a window is large enough to leave little padding.
    for (let start = 0; start < texts.length; start += this.sortWindow) {
      const ids = texts.slice(start, start + this.sortWindow).map((text) => this.encodeIds(text));
      for (const batch of planBatches(
        ids.map((row) => row.length),
        this.batchSize,
      )) {
        const pooled = await this.runBatch(batch.map((i) => ids[i]));
        batch.forEach((i, row) => (vectors[start + i] = pooled[row]));
        done += batch.length;
        onProgress?.(done, texts.length);
      }
    }
    return vectors;
  }

  private async runBatch(rowsIds: number[][]): Promise<Float32Array[]> {
    const padded = padBatch(rowsIds, this.padId);
    const shape = [padded.rows, padded.seqLen];
    const output = await this.onnxModel.forward({
      input_ids: new Tensor('int64', padded.inputIds, shape),
      attention_mask: new Tensor('int64', padded.attentionMask, shape),
      token_type_ids: new Tensor('int64', padded.tokenTypeIds, shape),
    });
    const hidden = output.last_hidden_state as Tensor;
    try {
      return meanPoolNormalize(hidden.data as Float32Array, padded.lengths, padded.seqLen, this.dim);
    } finally {
      hidden.dispose();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.onnxModel.dispose();
    this.releaseOnnx();
  }
}

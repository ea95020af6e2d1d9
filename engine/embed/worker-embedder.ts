/**
 * The TransformersEmbedder in a worker thread, so that the calling thread (CLI progress, the HTTP
 * service) keeps running while ONNX Runtime computes: run() blocks its thread for a whole batch.
 * Texts go in by structured clone; each vector's ArrayBuffer comes back transferred, not copied.
 */
import { Worker } from 'node:worker_threads';
import type { Embedder } from './embedder.js';
import type { TransformersEmbedderOptions } from './minilm.js';
import { deserializeError } from './worker-protocol.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const WORKER_SCRIPT = new URL('./embed-worker.js', import.meta.url);

interface PendingCall {
  resolve(vectors: Float32Array[]): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

export class WorkerEmbedder implements Embedder {
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly model: string,
    readonly dtype: string,
    readonly dim: number,
  ) {
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`embedding worker exited (code ${code})`)));
    worker.unref(); // an idle embedder must not keep the process alive; ref'd while calls are pending
  }

  /** Starts the worker and waits until the model is loaded; rejects with the worker's error (e.g. ModelNotFoundError). */
  static start(options: TransformersEmbedderOptions = {}): Promise<WorkerEmbedder> {
    const worker = new Worker(WORKER_SCRIPT, { workerData: options });
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (message.type === 'ready') {
          resolve(new WorkerEmbedder(worker, message.model, message.dtype, message.dim));
        } else {
          reject(message.type === 'error' ? deserializeError(message.error) : new Error(`unexpected ${message.type} from embedding worker`));
          void worker.terminate();
        }
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage).off('exit', onExit);
        reject(error);
      };
      const onExit = (code: number) => {
        worker.off('message', onMessage).off('error', onError);
        reject(new Error(`embedding worker exited (code ${code}) before loading the model`));
      };
      worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    });
  }

  embed(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('embedder is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ type: 'embed', id, texts } satisfies ToWorker);
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.failure) return resolve(); // already gone
      this.worker.once('exit', () => resolve());
      this.worker.ref();
      this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
    return this.closing;
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'ready' || message.id === null) return;
    const call = this.pending.get(message.id);
    if (!call) return;
    if (message.type === 'progress') {
      call.onProgress?.(message.done, message.total);
      return;
    }
    this.settle(message.id);
    if (message.type === 'result') call.resolve(message.vectors);
    else call.reject(deserializeError(message.error));
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
  }

  /** The worker died: every pending and later call fails with the reason. */
  private fail(error: Error): void {
    if (this.closing && !this.failure && this.pending.size === 0) return; // normal exit after close()
    this.failure ??= error;
    for (const [id, call] of this.pending) {
      this.settle(id);
      call.reject(this.failure);
    }
  }
}

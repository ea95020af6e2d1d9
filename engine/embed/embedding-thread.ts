/**
 * The process's one embedding worker thread. One, and never ended before the process: onnxruntime-node
 * 1.21 cannot run models in two threads (onnx-thread-guard.ts), and a thread started after one that
 * ran a model was terminated fails to load its addon ("Module did not self-register") or corrupts
 * the native heap ("free(): invalid next size"); both reproduced here. So the thread is started
 * with the first WorkerEmbedder and kept, idle and unref'd, when the last one closes: it keeps the
 * process alive only while a request is pending, and the next WorkerEmbedder reuses it.
 */
import { Worker } from 'node:worker_threads';
import { claimOnnxRuntime } from './onnx-thread-guard.js';
import { deserializeError } from './worker-protocol.js';
import type { FromWorker, ToWorker, WithoutId } from './worker-protocol.js';

type Reply = Exclude<FromWorker, { type: 'progress' }>;

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

const WORKER_SCRIPT = new URL('./embed-worker.js', import.meta.url);

let shared: EmbeddingThread | null = null;

export class EmbeddingThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private users = 0;
  private releaseOnnx: (() => void) | null = null;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedding worker thread exited (code ${code})`)));
    worker.unref();
  }

  /**
   * The shared thread, started on first use; every acquire() needs one release(). Throws if this
   * thread runs models itself, or if the embedding thread died (a replacement would not be safe).
   */
  static acquire(): EmbeddingThread {
    if (shared?.failure) throw new Error(`the embedding worker thread is gone (${shared.failure.message}); restart the process`);
    const claim = shared?.users ? null : claimOnnxRuntime('worker-thread'); // before any thread starts
    const thread = (shared ??= new EmbeddingThread(new Worker(WORKER_SCRIPT)));
    if (claim) thread.releaseOnnx = claim;
    thread.users++;
    return thread;
  }

  /** After the last user: this thread may run models again; the worker stays, idle. */
  release(): void {
    if (this.users === 0) return;
    if (--this.users === 0) {
      this.releaseOnnx?.();
      this.releaseOnnx = null;
    }
  }

  /** Sends a request; resolves with its final reply, rejects with the worker's error rebuilt here. */
  request(message: WithoutId<ToWorker>, onProgress?: (done: number, total: number) => void): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  private onMessage(message: FromWorker): void {
    const call = this.pending.get(message.id);
    if (!call) return;
    if (message.type === 'progress') {
      call.onProgress?.(message.done, message.total);
      return;
    }
    this.settle(message.id);
    if (message.type === 'error') call.reject(deserializeError(message.error));
    else call.resolve(message);
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  /** The thread died: every pending and later request fails with the reason. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const [id, call] of this.pending) {
      this.settle(id);
      call.reject(this.failure);
    }
  }
}

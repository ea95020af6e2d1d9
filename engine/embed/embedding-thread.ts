/**
 * The process's one embedding worker thread (one, because onnxruntime-node 1.21 cannot run models in
 * two threads: see onnx-thread-guard.ts). Started with the first WorkerEmbedder, ended with the last;
 * it keeps the process alive only while a request is pending.
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
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly releaseOnnx: () => void,
  ) {
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the embedding worker thread exited (code ${code})`)));
    worker.unref();
  }

  /** The shared thread, started if needed; every acquire() needs one release(). */
  static acquire(): EmbeddingThread {
    if (!shared) {
      const release = claimOnnxRuntime('worker-thread'); // throws if this thread already runs models
      shared = new EmbeddingThread(new Worker(WORKER_SCRIPT), release);
    }
    shared.users++;
    return shared;
  }

  /** Ends the thread when its last user releases it. */
  async release(): Promise<void> {
    if (--this.users > 0) return;
    this.retire();
    await this.worker.terminate();
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

  /** No new users; the next acquire() starts a fresh thread. */
  private retire(): void {
    if (shared === this) shared = null;
    this.failure ??= new Error('the embedding worker thread was shut down');
    this.releaseOnnx();
  }

  /** The thread died: every pending and later request fails with the reason. */
  private fail(error: Error): void {
    const expected = this.failure !== null; // after release(): a normal shutdown
    this.retire();
    if (!expected) this.failure = error;
    for (const [id, call] of this.pending) {
      this.settle(id);
      call.reject(this.failure!);
    }
  }
}

/**
 * Messages between WorkerEmbedder and embed-worker, and how errors cross the thread boundary
 * (structured clone drops Error subclasses, so ModelNotFoundError is rebuilt on the caller's side).
 */
import { ModelNotFoundError } from './model-location.js';

export type ToWorker =
  | { type: 'embed'; id: number; texts: string[] }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; model: string; dtype: string; dim: number }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; vectors: Float32Array[] }
  /** `id` null: loading failed. */
  | { type: 'error'; id: number | null; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  lookedIn?: string[];
  missingFiles?: string[];
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ModelNotFoundError) {
    return { name: error.name, message: error.message, stack: error.stack, lookedIn: error.lookedIn, missingFiles: error.missingFiles };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(serialized: SerializedError): Error {
  const error =
    serialized.name === 'ModelNotFoundError'
      ? new ModelNotFoundError(serialized.message, serialized.lookedIn ?? [], serialized.missingFiles ?? [])
      : Object.assign(new Error(serialized.message), { name: serialized.name });
  if (serialized.stack) error.stack = `${serialized.stack}\n    (in the embedding worker thread)`;
  return error;
}

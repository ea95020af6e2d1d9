/**
 * Messages between the embedding thread client (embedding-thread.ts) and embed-worker.ts, and how
 * errors cross the thread boundary (structured clone drops Error subclasses, so ModelNotFoundError is
 * rebuilt on the caller's side). Every request carries an id; the worker answers it with one final
 * message (`loaded`, `vectors`, `unloaded` or `error`), after any number of `progress` messages.
 */
import type { TransformersEmbedderOptions } from './minilm.js';
import { ModelNotFoundError } from './model-location.js';

export type ToWorker =
  | { type: 'load'; id: number; options: TransformersEmbedderOptions }
  | { type: 'embed'; id: number; handle: number; texts: string[] }
  | { type: 'unload'; id: number; handle: number };

export type FromWorker =
  | { type: 'loaded'; id: number; handle: number; model: string; dtype: string; dim: number; maxTokens: number }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'vectors'; id: number; vectors: Float32Array[] }
  | { type: 'unloaded'; id: number }
  | { type: 'error'; id: number; error: SerializedError };

/** Distributes `Omit` over a union (plain Omit would merge the variants). */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

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

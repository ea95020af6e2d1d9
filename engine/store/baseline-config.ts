// The config of a new baseline, apart from baseline.ts so that the CLI can make one without loading
// SQLite and usearch (its start-up imports them only when a command runs).
import { EMBEDDING_TEXT_VERSION } from '../canonical/embedding-text.js';
import type { BaselineConfig } from './baseline.js';

/** The model's identity, the embedding text of this Log Atlas, and the canonicalizer's options. */
export function newBaselineConfigFor(
  model: { model: string; dtype: string; dim: number; maxTokens: number },
  canonical: BaselineConfig['canonical'],
): BaselineConfig {
  return { model: model.model, dtype: model.dtype, dim: model.dim, maxTokens: model.maxTokens, textVersion: EMBEDDING_TEXT_VERSION, canonical };
}

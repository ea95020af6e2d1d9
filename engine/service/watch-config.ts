// The baseline config of a watch's store and the canonicalizer it implies (the same rules as
// `logatlas index` with default flags; stored with the watch so later reads canonicalize the same way).
import { EMBEDDING_TEXT_VERSION } from '../canonical/embedding-text.js';
import { createCanonicalizer, type UserRules } from '../canonical/index.js';
import type { Canonicalizer } from '../canonical/types.js';
import type { BaselineConfig } from '../store/baseline.js';

export function watchBaselineConfig(model: { model: string; dtype: string; dim: number; maxTokens: number }): BaselineConfig {
  return {
    model: model.model,
    dtype: model.dtype,
    dim: model.dim,
    maxTokens: model.maxTokens,
    textVersion: EMBEDDING_TEXT_VERSION,
    canonical: { ...createCanonicalizer({}).options },
  };
}

export function watchCanonicalizer(config: BaselineConfig): Canonicalizer {
  const { userRules, ...options } = config.canonical;
  return createCanonicalizer({ ...options, userRules: userRules as UserRules | undefined });
}

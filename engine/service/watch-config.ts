// The baseline config of a watch's store and the canonicalizer it implies (the same rules as
// `logatlas index` with default flags; stored with the watch so later reads canonicalize the same way).
import { createCanonicalizer, type UserRules } from '../canonical/index.js';
import type { Canonicalizer } from '../canonical/types.js';
import type { BaselineConfig } from '../store/baseline.js';
import { newBaselineConfigFor } from '../store/baseline-config.js';

export function watchBaselineConfig(model: { model: string; dtype: string; dim: number; maxTokens: number }): BaselineConfig {
  return newBaselineConfigFor(model, { ...createCanonicalizer({}).options });
}

export function watchCanonicalizer(config: BaselineConfig): Canonicalizer {
  const { userRules, ...options } = config.canonical;
  return createCanonicalizer({ ...options, userRules: userRules as UserRules | undefined });
}

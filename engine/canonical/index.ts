export * from './types.js';
export { DEFAULT_RULES } from './default-rules.js';
export { createCanonicalizer, type CanonicalizerConfig, type ConfiguredCanonicalizer } from './canonicalizer.js';
export { loadUserRules, parseUserRules, mergeRules, UserRulesError, type UserRules } from './user-rules.js';
export { classifyKey, keyWords, type KeyClass } from './keys.js';
export { statusClass } from './handlers.js';

import { DEFAULT_RULES } from './default-rules.js';
import { parseJsonObject, writeJson } from './json.js';
import { CanonicalBuilder } from './output.js';
import { Scanner } from './scanner.js';
import { DEFAULT_CANONICAL_OPTIONS, type CanonicalOptions, type CanonicalResult, type CanonicalRule, type Canonicalizer, unparsedResult } from './types.js';
import { loadUserRules, mergeRules, type UserRules } from './user-rules.js';

export interface CanonicalizerConfig extends Partial<CanonicalOptions> {
  /** The base rule set; DEFAULT_RULES when absent. */
  rules?: readonly CanonicalRule[];
  /** User rules already loaded (see loadUserRules): added before the base rules, or disabling some. */
  userRules?: UserRules;
  /** A JSON user rules file to load; errors name the file and the rule. */
  userRulesPath?: string;
}

/** A canonicalizer with the options and the rule list it was built with. */
export interface ConfiguredCanonicalizer extends Canonicalizer {
  readonly options: Readonly<CanonicalOptions>;
  readonly rules: readonly CanonicalRule[];
}

/** Cuts `text` to at most `max` characters, at a space when one is in the second half. */
export function cut(text: string, max: number): string {
  if (max === 0 || text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > max / 2 ? space : max);
}

/** Builds a canonicalizer: all rules are compiled once into one scanner. */
export function createCanonicalizer(config: CanonicalizerConfig = {}): ConfiguredCanonicalizer {
  const options: CanonicalOptions = {
    maskIps: config.maskIps ?? DEFAULT_CANONICAL_OPTIONS.maskIps,
    maskNumbers: config.maskNumbers ?? DEFAULT_CANONICAL_OPTIONS.maskNumbers,
    numbersMinLen: config.numbersMinLen ?? DEFAULT_CANONICAL_OPTIONS.numbersMinLen,
    maxLength: config.maxLength ?? DEFAULT_CANONICAL_OPTIONS.maxLength,
    maskUsers: config.maskUsers ?? DEFAULT_CANONICAL_OPTIONS.maskUsers,
  };
  if (!Number.isInteger(options.numbersMinLen) || options.numbersMinLen < 1) {
    throw new RangeError(`numbersMinLen must be a positive integer, got ${options.numbersMinLen}`);
  }
  const maxLength = options.maxLength!;
  if (!Number.isInteger(maxLength) || maxLength < 0) {
    throw new RangeError(`maxLength must be a non-negative integer, got ${options.maxLength}`);
  }
  let rules: CanonicalRule[] = [...(config.rules ?? DEFAULT_RULES)];
  if (config.userRules !== undefined) rules = mergeRules(rules, config.userRules);
  if (config.userRulesPath !== undefined) {
    rules = mergeRules(rules, loadUserRules(config.userRulesPath), `user rules ${config.userRulesPath}`);
  }
  const scanner = new Scanner(rules, options);
  return {
    options: Object.freeze({ ...options }),
    rules: Object.freeze(rules),
    canonicalize(text: string): CanonicalResult {
      try {
        const out = new CanonicalBuilder();
        const json = parseJsonObject(text);
        if (json !== undefined) writeJson(json, undefined, scanner, out);
        else scanner.scan(text, out);
        return { canonical: cut(out.finish(), maxLength), entities: out.entities };
      } catch (err) {
        // Whatever a line holds, its batch goes on: the line counts under the unparsed pattern.
        return unparsedResult('canonicalizer', err);
      }
    },
  };
}

import type { CanonicalRule, EntityKind, RuleHandlerName } from './types.js';
import { KEY_VALUE_RULE, URL_RULE } from './default-rules.js';
import { prefixFilter, type PrefixFilter } from './prefix-filter.js';

/**
 * A rule placed in a combined regex. The rule fields read on every match are copied here: rules are
 * object literals of many shapes (8 among the defaults), and reading them from the rule itself made
 * those reads megamorphic in the scanner's hottest functions.
 */
export interface CompiledRule {
  readonly rule: CanonicalRule;
  /** Index of the group holding the whole match of this rule in its combined regex. */
  readonly group: number;
  /** With a `(?<value>...)` group: groups `group + 1` (text before the value) and `group + 2` (value). */
  readonly hasValue: boolean;
  readonly entity: boolean;
  readonly handler: RuleHandlerName | undefined;
  readonly keep: boolean;
  readonly kind: EntityKind;
  readonly placeholder: string;
}

/**
 * Rewrites every capturing group, named or not, as non-capturing, so that a combined regex has exactly
 * one group per rule and a match is dispatched by group index. Lookarounds are left alone.
 */
export function withoutCaptures(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '(' && source[i + 1] !== '?') {
      out += '(?:';
    } else if (c === '(' && source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
      const close = source.indexOf('>', i);
      out += '(?:';
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

const VALUE_GROUP = '(?<value>';

/**
 * Whether a `(?<value>...)` group sits at the top level of the pattern with no top-level `|`: the text
 * before it is then a prefix of every match, which `ruleSource` relies on. True without such a group.
 */
export function valueGroupIsTopLevel(pattern: string): boolean {
  const at = pattern.indexOf(VALUE_GROUP);
  if (at < 0) return true;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      if (i === at && depth !== 0) return false;
      depth++;
    } else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

/**
 * A rule's source for a combined regex: one group around it, and for a rule with `(?<value>...)` two
 * more, around the text before the value and around the value, so no second match is needed.
 */
function ruleSource(pattern: string): string {
  let source = ruleSources.get(pattern);
  if (source === undefined) {
    const at = pattern.indexOf(VALUE_GROUP);
    source =
      at < 0 ? `(${withoutCaptures(pattern)})` : `((${withoutCaptures(pattern.slice(0, at))})(${withoutCaptures(pattern.slice(at + VALUE_GROUP.length))})`;
    ruleSources.set(pattern, source);
  }
  return source;
}
/** ruleSource by pattern: a rule sits in many buckets, and its source is rewritten once. */
const ruleSources = new Map<string, string>();

/** Joins rules, in order, into one sticky regex. */
export function compile(rules: readonly CanonicalRule[]): Bucket {
  const compiled: CompiledRule[] = [];
  let group = 1;
  for (const rule of rules) {
    const hasValue = rule.pattern.includes(VALUE_GROUP);
    compiled.push({
      rule,
      group,
      hasValue,
      entity: rule.entity ?? true,
      handler: rule.handler,
      keep: rule.keep === true,
      kind: rule.kind,
      placeholder: rule.placeholder,
    });
    group += hasValue ? 3 : 1;
  }
  const source = rules.map((r) => ruleSource(r.pattern)).join('|');
  return { regex: new RegExp(source.length > 0 ? source : '(?!)', 'y'), compiled, keyEqualsFirst: keyEqualsFirst(rules) };
}

export function dispatch(rules: readonly CompiledRule[], m: RegExpExecArray): CompiledRule {
  for (let i = 0; i < rules.length; i++) if (m[rules[i].group] !== undefined) return rules[i];
  throw new Error('scanner: a match without a rule');
}

export interface Bucket {
  regex: RegExp;
  compiled: CompiledRule[];
  /**
   * Whether a `key=` found by a plain scan (key characters without `:`, then `=`) is this bucket's first
   * match: its first rule is `keyValueRule`, or the default `url` rule then that one (a URL needs a `:`
   * before any `=`). The scanner then skips the regex for the key (see Scanner.scan).
   */
  keyEqualsFirst: boolean;
}

function keyEqualsFirst(rules: readonly CanonicalRule[]): boolean {
  return rules[0] === KEY_VALUE_RULE || (rules[0] === URL_RULE && rules[1] === KEY_VALUE_RULE);
}

/** Longest run of digits or letters a token shape is refined for; longer runs use the plain bucket. */
const MAX_RUN = 30;
/** Token shapes: 129 first characters × 32 run lengths × 130 next characters (see RuleSelector.at). */
const SHAPES = 129 * 32 * 130;

/**
 * Picks, for a position, one sticky regex joining (in priority order) only the rules that can match
 * there, so that adding rules costs little where they cannot match:
 * - by first character: for each ASCII character (and one slot for all others), the rules that can
 *   start with it;
 * - for a token starting with an ASCII character, refined by the token's shape (that character, the
 *   length of the run of digits or letters it starts, 1 for punctuation, and the character after it),
 *   read by `PrefixFilter` and cached;
 * - for a plain word, the rules that list it in `words`.
 */
export class RuleSelector {
  /** By first character (128: any other), worked out at the first token that starts with it (null: not yet). */
  private readonly byFirst: Array<Bucket | undefined | null> = new Array<null>(129).fill(null);
  private readonly allRules: readonly CanonicalRule[];
  /** By token shape: 0 not yet known, 1 no rule can match, k + 2 the bucket `shapeBuckets[k]`. */
  private readonly byShape = new Int32Array(SHAPES);
  private readonly shapeBuckets: Bucket[] = [];
  private readonly bySubset = new Map<string, Bucket | undefined>();
  private readonly filters = new Map<CanonicalRule, PrefixFilter | undefined>();
  readonly byWord = new Map<string, Bucket>();

  constructor(rules: readonly CanonicalRule[]) {
    this.allRules = rules;
    for (const rule of rules) this.filters.set(rule, prefixFilter(rule.pattern));
    for (const word of new Set(rules.flatMap((r) => r.words ?? []))) {
      this.byWord.set(word, this.subset(rules.filter((r) => r.words?.includes(word)))!);
    }
  }

  private subset(rules: CanonicalRule[]): Bucket | undefined {
    const key = rules.map((r) => r.name).join('\n');
    let bucket = this.bySubset.get(key);
    if (bucket === undefined && !this.bySubset.has(key)) {
      bucket = rules.length > 0 ? compile(rules) : undefined;
      this.bySubset.set(key, bucket);
    }
    return bucket;
  }

  /** The rules that can start with character `slot` (0-127, 128 for any other). */
  private first(slot: number): Bucket | undefined {
    const known = this.byFirst[slot];
    if (known !== null) return known;
    const shape = { first: slot, run: 1, runIsDigits: false, next: -1 };
    const bucket = this.subset(this.allRules.filter((r) => this.filters.get(r)?.mayMatch(shape) ?? true));
    this.byFirst[slot] = bucket;
    return bucket;
  }

  /**
   * Whether `key=` at a token starting with `code` is matched first by KEY_VALUE_RULE: its bucket by first
   * character, a superset in the same order of every bucket by shape, starts with it (see keyEqualsFirst).
   */
  keyEqualsFirstAt(code: number): boolean {
    const bucket = this.first(code < 128 ? code : 128);
    return bucket !== undefined && bucket.keyEqualsFirst;
  }

  /** The bucket for a token starting at `pos` of `text`. */
  at(text: string, pos: number): Bucket | undefined {
    const code = text.charCodeAt(pos);
    if (code >= 128) return this.first(128);
    const isDigit = code >= 48 && code <= 57;
    const isLetter = (code | 32) >= 97 && (code | 32) <= 122;
    let end = pos + 1;
    const n = text.length;
    // Punctuation is a run of one: the character after it still rules out most rules (`:` then a space).
    if (isDigit || isLetter) {
      while (end < n && end - pos <= MAX_RUN) {
        const c = text.charCodeAt(end);
        if (isDigit ? c < 48 || c > 57 : (c | 32) < 97 || (c | 32) > 122) break;
        end++;
      }
    }
    const run = end - pos;
    if (run > MAX_RUN) return this.first(code);
    const next = end < n ? Math.min(text.charCodeAt(end), 128) : -1;
    const key = (code * 32 + run) * 130 + next + 1;
    const slot = this.byShape[key];
    if (slot > 1) return this.shapeBuckets[slot - 2];
    if (slot === 1) return undefined;
    const base = this.first(code);
    const shape = { first: code, run, runIsDigits: isDigit, next };
    const rules = base === undefined ? [] : base.compiled.map((c) => c.rule).filter((r) => this.filters.get(r)?.mayMatch(shape) ?? true);
    const bucket = this.subset(rules);
    if (bucket === undefined) this.byShape[key] = 1;
    else {
      let k = this.shapeBuckets.indexOf(bucket);
      if (k < 0) k = this.shapeBuckets.push(bucket) - 1;
      this.byShape[key] = k + 2;
    }
    return bucket;
  }
}

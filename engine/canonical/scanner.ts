import type { CanonicalBuilder } from './output.js';
import type { CanonicalOptions, CanonicalRule } from './types.js';
import { applyHandler } from './handlers.js';
import { canStartWith, firstChars } from './first-chars.js';

/** A rule placed in a combined regex. */
export interface CompiledRule {
  readonly rule: CanonicalRule;
  /** Index of the group holding the whole match of this rule in its combined regex. */
  readonly group: number;
  /** With a `(?<value>...)` group: groups `group + 1` (text before the value) and `group + 2` (value). */
  readonly hasValue: boolean;
  readonly entity: boolean;
}

/** What matched at one position: the rule and its match. */
export interface RuleMatch {
  readonly rule: CompiledRule;
  readonly match: RegExpExecArray;
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
 * A rule's source for a combined regex: one group around it, and for a rule with `(?<value>...)` two
 * more, around the text before the value and around the value, so no second match is needed.
 */
function ruleSource(pattern: string): string {
  const at = pattern.indexOf(VALUE_GROUP);
  if (at < 0) return `(${withoutCaptures(pattern)})`;
  return `((${withoutCaptures(pattern.slice(0, at))})(${withoutCaptures(pattern.slice(at + VALUE_GROUP.length))})`;
}

/** Joins rules, in order, into one sticky regex. */
function compile(rules: readonly CanonicalRule[]): { regex: RegExp; compiled: CompiledRule[] } {
  const compiled: CompiledRule[] = [];
  let group = 1;
  for (const rule of rules) {
    const hasValue = rule.pattern.includes(VALUE_GROUP);
    compiled.push({ rule, group, hasValue, entity: rule.entity ?? true });
    group += hasValue ? 3 : 1;
  }
  const source = rules.map((r) => ruleSource(r.pattern)).join('|');
  return { regex: new RegExp(source.length > 0 ? source : '(?!)', 'y'), compiled };
}

function dispatch(rules: readonly CompiledRule[], m: RegExpExecArray): CompiledRule {
  for (let i = 0; i < rules.length; i++) if (m[rules[i].group] !== undefined) return rules[i];
  throw new Error('scanner: a match without a rule');
}

interface Bucket {
  regex: RegExp;
  compiled: CompiledRule[];
}

/**
 * For every ASCII character, one sticky regex joining (in priority order) only the rules that can
 * start with it; non-ASCII characters share one more. Rules that cannot start at a character are never
 * tried there, so adding rules costs little where they cannot match.
 */
function buildBuckets(rules: readonly CanonicalRule[]): Array<Bucket | undefined> {
  const starts = rules.map((r) => firstChars(r.pattern));
  const byKey = new Map<string, Bucket | undefined>();
  const buckets: Array<Bucket | undefined> = [];
  for (let code = 0; code <= 128; code++) {
    const chosen = rules.filter((_, i) => canStartWith(starts[i], code));
    const key = chosen.map((r) => r.name).join('\n');
    if (!byKey.has(key)) byKey.set(key, chosen.length > 0 ? compile(chosen) : undefined);
    buckets.push(byKey.get(key));
  }
  return buckets;
}

// Character classes by code: 1 white space, 2 ASCII letter, 4 word character (letter, digit, `_`),
// 8 soft punctuation that may trail a plain word.
const CLASS = new Uint8Array(128);
for (const c of ' \t\r\n\f\v') CLASS[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) CLASS[c] = CLASS[c + 32] = 2 | 4;
for (let c = 48; c <= 57; c++) CLASS[c] = 4;
CLASS[95] = 4;
for (const c of ',;.!?)]"\'') CLASS[c.charCodeAt(0)] = 8;
const cls = (c: number): number => (c < 128 ? CLASS[c] : 0);

/**
 * One pass per line. A hand-written tokenizer walks the text: white space runs become one space, and a
 * chunk (run of non-space) that is a plain word (letters, maybe trailing punctuation) is copied unless
 * a rule lists it in `words`. In every other chunk, each token start (not after a letter, digit or `_`)
 * is tried against ONE sticky regex that joins all rules; the first rule that matches there wins. So
 * the cost per line follows its interesting tokens, not the number of rules.
 */
export class Scanner {
  /** By first character (index 128: any non-ASCII one): the rules that can start there. */
  private readonly buckets: Array<Bucket | undefined>;
  /** The same without key=value: what shape a value has (a timestamp, an IP, a number, ...). */
  private readonly shapeBuckets: Array<Bucket | undefined>;
  private readonly words: Set<string>;

  constructor(rules: readonly CanonicalRule[], readonly options: CanonicalOptions) {
    this.buckets = buildBuckets(rules);
    this.shapeBuckets = buildBuckets(rules.filter((r) => r.handler !== 'keyValue'));
    this.words = new Set(rules.flatMap((r) => r.words ?? []));
  }

  /** The first rule that matches `text` at `pos`, from `buckets`. */
  private matchAt(buckets: Array<Bucket | undefined>, text: string, pos: number): RuleMatch | undefined {
    const code = text.charCodeAt(pos);
    const bucket = buckets[code < 128 ? code : 128];
    if (bucket === undefined) return undefined;
    bucket.regex.lastIndex = pos;
    const m = bucket.regex.exec(text);
    return m === null || m[0].length === 0 ? undefined : { rule: dispatch(bucket.compiled, m), match: m };
  }

  /** Appends the canonical form of `text` to `out`. Re-entrant: handlers may scan parts of a line. */
  scan(text: string, out: CanonicalBuilder): void {
    const n = text.length;
    let copied = 0; // text before this index is already in `out`
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (cls(c) === 1) {
        out.copy(text, copied, i);
        let j = i + 1;
        while (j < n && cls(text.charCodeAt(j)) === 1) j++;
        out.space();
        i = copied = j;
        continue;
      }
      // A new chunk starts at i: skip it when it is a plain word no rule starts with.
      let j = i;
      while (j < n && cls(text.charCodeAt(j)) & 2) j++;
      if (j > i) {
        let k = j;
        while (k < n && cls(text.charCodeAt(k)) === 8) k++;
        if ((k === n || cls(text.charCodeAt(k)) === 1) && !this.words.has(text.slice(i, j))) {
          i = k;
          continue;
        }
      }
      // An interesting chunk: try the rules at each token start until the chunk ends.
      while (i < n && cls(text.charCodeAt(i)) !== 1) {
        if (i === copied || !(cls(text.charCodeAt(i - 1)) & 4)) {
          const found = this.matchAt(this.buckets, text, i);
          if (found !== undefined) {
            out.copy(text, copied, i);
            const next = this.apply(found.rule, found.match, text, out);
            if (next <= i) out.copy(text, i, i + 1); // never loop on a rule that consumed nothing
            i = copied = Math.max(next, i + 1);
            continue;
          }
        }
        i++;
      }
    }
    out.copy(text, copied, n);
  }

  /** The shape rule that matches `text` at `pos`, if any (used to read a value's type). */
  shapeAt(text: string, pos: number): RuleMatch | undefined {
    return this.matchAt(this.shapeBuckets, text, pos);
  }

  /** Applies a matched rule; returns the position where scanning goes on. */
  apply(compiled: CompiledRule, m: RegExpExecArray, text: string, out: CanonicalBuilder): number {
    const start = m.index;
    const end = start + m[0].length;
    let valueStart = start;
    let valueEnd = end;
    if (compiled.hasValue) {
      const value = m[compiled.group + 2];
      if (value === undefined) {
        out.copySpaced(text, start, end);
        return end;
      }
      valueStart = start + m[compiled.group + 1].length;
      valueEnd = valueStart + value.length;
    }
    out.copySpaced(text, start, valueStart);
    const rule = compiled.rule;
    const value = text.slice(valueStart, valueEnd);
    if (rule.handler !== undefined) {
      const next = applyHandler(this, compiled, value, m, text, valueStart, out);
      if (next !== valueEnd) return next;
    } else {
      out.mask(rule.placeholder, compiled.entity ? rule.kind : undefined, value);
    }
    out.copySpaced(text, valueEnd, end);
    return end;
  }
}

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

/** What matched at one position: the rule, its match and the text it was found in. */
export interface RuleMatch {
  readonly rule: CompiledRule;
  readonly match: RegExpExecArray;
  readonly source: string;
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
function charClass(c: number): number {
  return c < 128 ? CLASS[c] : 0;
}

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
  /** Plain words some rules start with (`Dec`, `user`, ...) → those rules only. */
  private readonly words = new Map<string, Bucket>();

  constructor(rules: readonly CanonicalRule[], readonly options: CanonicalOptions) {
    this.buckets = buildBuckets(rules);
    this.shapeBuckets = buildBuckets(rules.filter((r) => r.handler !== 'keyValue'));
    for (const word of new Set(rules.flatMap((r) => r.words ?? []))) {
      this.words.set(word, compile(rules.filter((r) => r.words?.includes(word))));
    }
  }

  private tryBucket(bucket: Bucket, text: string, pos: number): RegExpExecArray | null {
    bucket.regex.lastIndex = pos;
    const m = bucket.regex.exec(text);
    if (m === null || m[0].length === 0) return null;
    this.matched = dispatch(bucket.compiled, m);
    return m;
  }

  /** The first rule that matches `text` at `pos`, from `buckets`; the rule is left in `matched`. */
  private matchAt(buckets: Array<Bucket | undefined>, text: string, pos: number): RegExpExecArray | null {
    const code = text.charCodeAt(pos);
    const bucket = buckets[code < 128 ? code : 128];
    return bucket === undefined ? null : this.tryBucket(bucket, text, pos);
  }

  private matched: CompiledRule | undefined;

  /** Appends the canonical form of `text` to `out`. Re-entrant: handlers may scan parts of a line. */
  scan(text: string, out: CanonicalBuilder): void {
    const n = text.length;
    const words = this.words;
    let copied = 0; // text before this index is already in `out`
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const k = c < 128 ? CLASS[c] : 0;
      if (k === 1) {
        // White space: one plain space stays as it is, any other run becomes one space.
        let j = i + 1;
        while (j < n && charClass(text.charCodeAt(j)) === 1) j++;
        if (c !== 32 || j - i > 1 || i === 0) {
          out.copy(text, copied, i);
          out.space();
          copied = j;
        }
        i = j;
        continue;
      }
      if (k & 2) {
        // A plain word (letters, maybe trailing punctuation) is tried only against the rules that list
        // it in `words` (month names, `user`, ...), and skipped when there are none.
        let j = i + 1;
        while (j < n && charClass(text.charCodeAt(j)) & 2) j++;
        let e = j;
        while (e < n && charClass(text.charCodeAt(e)) === 8) e++;
        if (e === n || charClass(text.charCodeAt(e)) === 1) {
          const bucket = words.size > 0 ? words.get(text.slice(i, j)) : undefined;
          const m = bucket === undefined ? null : this.tryBucket(bucket, text, i);
          if (m === null) {
            i = e;
            continue;
          }
          out.copy(text, copied, i);
          i = copied = Math.max(this.apply(this.matched!, m, text, out), i + 1);
          continue;
        }
      }
      // An interesting chunk: try the rules at each token start until the chunk ends. A token starts
      // after anything but a word character; letters joined by `.`, `$` or `-` (`org.apache.Foo$Bar`,
      // `BREAK-IN`) are one token.
      let state = 0; // 0: token start, 1: after a word character, 2: after a letter and a joiner
      while (i < n) {
        const d = text.charCodeAt(i);
        const dk = d < 128 ? CLASS[d] : 0;
        if (dk === 1) break;
        if (state === 0 || (state === 2 && !(dk & 2))) {
          const m = this.matchAt(this.buckets, text, i);
          if (m !== null) {
            out.copy(text, copied, i);
            const next = this.apply(this.matched!, m, text, out);
            if (next <= i) out.copy(text, i, i + 1); // never loop on a rule that consumed nothing
            i = copied = next > i ? next : i + 1;
            state = 0;
            if (charClass(text.charCodeAt(i - 1)) === 1) break; // a new chunk: back to the word check
            continue;
          }
        }
        if (dk & 4) state = 1;
        else state = state !== 0 && (d === 46 || d === 36 || d === 45) && charClass(text.charCodeAt(i - 1)) & 2 ? 2 : 0;
        i++;
      }
    }
    out.copy(text, copied, n);
  }

  /** The shape rule that matches `text` at `pos`, if any (used to read a value's type). */
  shapeAt(text: string, pos: number): RuleMatch | undefined {
    const m = this.matchAt(this.shapeBuckets, text, pos);
    return m === null ? undefined : { rule: this.matched!, match: m, source: text };
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

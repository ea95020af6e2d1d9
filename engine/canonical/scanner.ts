import type { CanonicalBuilder } from './output.js';
import type { CanonicalOptions, CanonicalRule } from './types.js';
import { applyHandler } from './handlers.js';
import { handleKeyValue } from './keyvalue.js';
import { dispatch, RuleSelector, type Bucket, type CompiledRule } from './rule-regex.js';

export type { CompiledRule } from './rule-regex.js';
export { valueGroupIsTopLevel, withoutCaptures } from './rule-regex.js';

/** What matched at one position: the rule, its match and the text it was found in. */
export interface RuleMatch {
  readonly rule: CompiledRule;
  readonly match: RegExpExecArray;
  readonly source: string;
}

// Character classes by code: 1 white space, 2 ASCII letter, 4 word character (letter, digit, `_`),
// 8 soft punctuation that may trail a plain word, 16 a character of a `key=` key other than `:`.
const CLASS = new Uint8Array(65536); // one entry per UTF-16 unit: no bounds check in the hot loops
for (const c of ' \t\r\n\f\v') CLASS[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) CLASS[c] = CLASS[c + 32] = 2 | 4;
for (let c = 48; c <= 57; c++) CLASS[c] = 4;
CLASS[95] = 4;
for (const c of ',;.!?)]"\'') CLASS[c.charCodeAt(0)] = 8;
for (let c = 0; c < 128; c++) if (CLASS[c] & 4) CLASS[c] |= 16;
for (const c of '.-@$/') CLASS[c.charCodeAt(0)] |= 16;

/**
 * The end of `key=` at `pos` (after the `=`) as KEY_VALUE_RULE's first branch reads it, or -1. A key
 * holding `:` gives -1 too: there the regex decides (a URL may come first).
 */
function keyEqualsEnd(text: string, pos: number): number {
  const first = text.charCodeAt(pos);
  if (!(CLASS[first] & 2) && first !== 95 && first !== 64) return -1;
  const n = text.length;
  for (let j = pos + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 61) return j + 1;
    if (!(CLASS[c] & 16)) return -1;
  }
  return -1;
}

function charClass(c: number): number {
  return CLASS[c];
}

/** A cheap hash of a word by its ends and length, to rule out most words before a map lookup. */
function wordHash(first: number, last: number, length: number): number {
  return ((first * 31 + last) * 7 + length) & 4095;
}

/**
 * One pass per line. A hand-written tokenizer walks the text: white space runs become one space, and a
 * chunk (run of non-space) that is a plain word (letters, maybe trailing punctuation) is copied unless
 * a rule lists it in `words`. In every other chunk, each token start (not after a letter, digit or `_`)
 * is tried against ONE sticky regex joining the rules that can match there (see RuleSelector); the
 * first rule that matches wins. So the cost per line follows its interesting tokens, not the number of
 * rules.
 */
export class Scanner {
  /** Which rules to try where: by first character, token shape and plain word. */
  private readonly rules: RuleSelector;
  /** The same without key=value: what shape a value has (a timestamp, an IP, a number, ...). */
  private readonly shapes: RuleSelector;
  /** Hashes of the words in `words` (see wordHash). */
  private readonly wordHashes = new Uint8Array(4096);
  /** The rule of the last successful match (set by tryBucket, read right after). */
  private matched: CompiledRule | undefined;

  constructor(
    rules: readonly CanonicalRule[],
    readonly options: CanonicalOptions,
  ) {
    this.rules = new RuleSelector(rules);
    this.shapes = new RuleSelector(rules.filter((r) => r.handler !== 'keyValue'));
    for (const word of this.rules.byWord.keys()) {
      this.wordHashes[wordHash(word.charCodeAt(0), word.charCodeAt(word.length - 1), word.length)] = 1;
    }
  }

  private tryBucket(bucket: Bucket, text: string, pos: number): RegExpExecArray | null {
    bucket.regex.lastIndex = pos;
    const m = bucket.regex.exec(text);
    if (m === null || m[0].length === 0) return null;
    this.matched = dispatch(bucket.compiled, m);
    return m;
  }

  /** The first rule of `selector` that matches `text` at `pos`; the rule is left in `matched`. */
  private matchAt(selector: RuleSelector, text: string, pos: number): RegExpExecArray | null {
    const bucket = selector.at(text, pos);
    return bucket === undefined ? null : this.tryBucket(bucket, text, pos);
  }

  /** Appends the canonical form of `text` to `out`. Re-entrant: handlers may scan parts of a line. */
  scan(text: string, out: CanonicalBuilder): void {
    const n = text.length;
    const words = this.rules.byWord;
    let copied = 0; // text before this index is already in `out`
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const k = CLASS[c];
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
          const hash = wordHash(text.charCodeAt(i), text.charCodeAt(j - 1), j - i);
          const bucket = this.wordHashes[hash] === 1 ? words.get(text.slice(i, j)) : undefined;
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
        const dk = CLASS[d];
        if (dk === 1) break;
        if (state === 0 || (state === 2 && !(dk & 2))) {
          // `key=` where the key_value rule comes first is found without the shape bucket or the regex:
          // the rule then matches (so every shape bucket holds it) and nothing before it can.
          const keyEnd = this.rules.keyEqualsFirstAt(d) ? keyEqualsEnd(text, i) : -1;
          if (keyEnd > 0) {
            // `key=`: what the bucket's regex would match first, found without it.
            out.copy(text, copied, i);
            i = copied = handleKeyValue(this, text, i, keyEnd, out);
            state = 0;
            if (charClass(text.charCodeAt(i - 1)) === 1) break;
            continue;
          }
          const bucket = this.rules.at(text, i);
          const m = bucket === undefined ? null : this.tryBucket(bucket, text, i);
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

  /**
   * Whether `text[from, to)` is letters only and no rule lists it in `words`: then no rule can match
   * there (as in running text, where such a word is skipped), and a value's shape need not be read.
   */
  isUnlistedWord(text: string, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!(charClass(text.charCodeAt(i)) & 2)) return false;
    if (to <= from) return false;
    // The hashes cover every listed word (shapes lists a subset of them): most words stop here, unsliced.
    if (this.wordHashes[wordHash(text.charCodeAt(from), text.charCodeAt(to - 1), to - from)] === 0) return true;
    return !this.shapes.byWord.has(text.slice(from, to));
  }

  /** The shape rule that matches `text` at `pos`, if any (used to read a value's type). */
  shapeAt(text: string, pos: number): RuleMatch | undefined {
    const m = this.matchAt(this.shapes, text, pos);
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
    const value = text.slice(valueStart, valueEnd);
    if (compiled.handler !== undefined) {
      const next = applyHandler(this, compiled, value, m, text, valueStart, out);
      if (next !== valueEnd) return next;
    } else if (compiled.keep && !(compiled.kind === 'user' && this.options.maskUsers)) {
      out.copySpaced(text, valueStart, valueEnd);
      if (compiled.entity) out.entity(compiled.kind, value);
    } else {
      out.mask(compiled.placeholder, compiled.entity ? compiled.kind : undefined, value);
    }
    out.copySpaced(text, valueEnd, end);
    return end;
  }
}

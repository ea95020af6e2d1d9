/**
 * Decides, without running a rule's regex, whether the rule can match at a token that starts with a
 * given character, a run of digits (or letters) of a given length, and then a given character. The
 * scanner uses it to join, per such token shape, only the rules that can match there: the combined
 * regex tried at `148 INFO` then holds the number rule and a few others, not every digit-led rule.
 *
 * The pattern is read into an NFA (regex-nfa.ts) that accepts at least what the regex does, and the
 * characters of the run count as "some digit"/"some letter", so the answer is "maybe" whenever a real
 * match could exist; it is never "no" for a token the rule can match.
 */

import { DIGITS, Nfa, Parser, range } from './regex-nfa.js';

/** What a token looks like at its start: first character, then a run of the same kind, then `next`. */
export interface TokenShape {
  first: number;
  /** Length of the run of digits (or letters) that starts with `first`. */
  run: number;
  runIsDigits: boolean;
  /** The character after the run, or -1 at the end of the text. */
  next: number;
}

const DIGIT_SLOTS = DIGITS;
const LETTER_SLOTS = [...range(65, 90), ...range(97, 122)];

/** What is known after some input: the states reached, or already the answer (a match may end / none can). */
type Progress = Set<number> | boolean;

/** A compiled rule pattern that answers "can a match start at a token of this shape?". */
export class PrefixFilter {
  private readonly nfa = new Nfa();
  private readonly start: number;
  private readonly accept: number;
  /**
   * By first character and run kind, the progress after the first character and each further run
   * character (index k: k run characters in all). Tokens of one start share it, so a new token shape
   * costs one step (its next character), not a walk of the whole run: the scanner meets thousands of
   * shapes on long key=value records.
   */
  private readonly runs = new Map<number, Progress[]>();
  /** The states before any input (the start of every chain). */
  private startStates: Set<number> | undefined;
  /** Per NFA state, once first needed: 4, plus 1 when its character set holds a digit, 2 a letter. */
  private readonly holds: Uint8Array;

  constructor(pattern: string) {
    const f = new Parser(pattern, this.nfa).parse();
    this.start = f.start;
    this.accept = f.end;
    this.holds = new Uint8Array(this.nfa.chars.length);
  }

  /** Whether state `s` (which has a character set) accepts some digit (kind 1) or some letter (kind 2). */
  private acceptsSome(s: number, kind: number): boolean {
    let holds = this.holds[s];
    if (holds === 0) {
      const chars = this.nfa.chars[s]!;
      holds = 4 | (DIGIT_SLOTS.some((c) => chars[c] === 1) ? 1 : 0) | (LETTER_SLOTS.some((c) => chars[c] === 1) ? 2 : 0);
      this.holds[s] = holds;
    }
    return (holds & kind) !== 0;
  }

  private closure(states: number[]): Set<number> {
    const seen = new Set(states);
    const stack = [...states];
    while (stack.length > 0) {
      for (const t of this.nfa.epsilon[stack.pop()!]) {
        if (!seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
      }
    }
    return seen;
  }

  private step(states: Set<number>, accepts: (state: number) => boolean): Set<number> {
    const next: number[] = [];
    for (const s of states) if (this.nfa.chars[s] !== null && accepts(s)) next.push(this.nfa.target[s]);
    return this.closure(next);
  }

  /** The progress after one more input, from `progress` (see mayMatch for the rules). */
  private advance(progress: Progress, accepts: (state: number) => boolean): Progress {
    if (typeof progress === 'boolean') return progress;
    if (progress.has(this.accept)) return true; // a match may end before this input
    const next = this.step(progress, accepts);
    return next.size === 0 ? false : next;
  }

  /** Progress after the first character and `run − 1` more characters of the run (memoized). */
  private afterRun(first: number, run: number, runIsDigits: boolean): Progress {
    const key = first * 2 + (runIsDigits ? 1 : 0);
    let chain = this.runs.get(key);
    if (chain === undefined) {
      const slot = first < 128 ? first : 128;
      this.startStates ??= this.closure([this.start]);
      chain = [this.startStates];
      chain.push(this.advance(chain[0], (s) => this.nfa.chars[s]![slot] === 1));
      this.runs.set(key, chain);
    }
    const kind = runIsDigits ? 1 : 2;
    for (let k = chain.length; k <= run; k++) chain.push(this.advance(chain[k - 1], (s) => this.acceptsSome(s, kind)));
    return chain[run];
  }

  /**
   * Feeds the NFA the first character, the run (each character as "some digit" or "some letter") and
   * the next character: false as soon as no state is left; true when an accepting state is reached
   * before an input (a match may end there) or when the input is used up (a match may end or go on).
   */
  mayMatch(shape: TokenShape): boolean {
    const progress = this.afterRun(shape.first, Math.max(shape.run, 1), shape.runIsDigits);
    if (shape.next < 0) return progress !== false;
    const slot = shape.next < 128 ? shape.next : 128;
    return this.advance(progress, (s) => this.nfa.chars[s]![slot] === 1) !== false;
  }
}

const filters = new Map<string, PrefixFilter | undefined>();

/**
 * A filter for `pattern`, or undefined when the pattern uses syntax it does not read (always maybe).
 * One per pattern in the process: every canonicalizer and both of a scanner's selectors share it and
 * what it has learnt about token shapes.
 */
export function prefixFilter(pattern: string): PrefixFilter | undefined {
  if (filters.has(pattern)) return filters.get(pattern);
  let filter: PrefixFilter | undefined;
  try {
    filter = new PrefixFilter(pattern);
  } catch {
    filter = undefined;
  }
  filters.set(pattern, filter);
  return filter;
}

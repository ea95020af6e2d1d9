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

import { DIGITS, Nfa, Parser, range, type CharSet } from './regex-nfa.js';

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

/** A compiled rule pattern that answers "can a match start at a token of this shape?". */
export class PrefixFilter {
  private readonly nfa = new Nfa();
  private readonly start: number;
  private readonly accept: number;

  constructor(pattern: string) {
    const f = new Parser(pattern, this.nfa).parse();
    this.start = f.start;
    this.accept = f.end;
  }

  private closure(states: number[]): Set<number> {
    const seen = new Set(states);
    const stack = [...states];
    while (stack.length > 0) {
      for (const t of this.nfa.epsilon[stack.pop()!]) if (!seen.has(t)) seen.add(t), stack.push(t);
    }
    return seen;
  }

  private step(states: Set<number>, accepts: (chars: CharSet) => boolean): Set<number> {
    const next: number[] = [];
    for (const s of states) {
      const chars = this.nfa.chars[s];
      if (chars !== null && accepts(chars)) next.push(this.nfa.target[s]);
    }
    return this.closure(next);
  }

  mayMatch(shape: TokenShape): boolean {
    let states = this.closure([this.start]);
    const exact = (code: number) => (chars: CharSet) => chars[code < 128 ? code : 128] === 1;
    const some = (codes: number[]) => (chars: CharSet) => codes.some((c) => chars[c] === 1);
    const inputs = [exact(shape.first)];
    for (let k = 1; k < shape.run; k++) inputs.push(some(shape.runIsDigits ? DIGIT_SLOTS : LETTER_SLOTS));
    if (shape.next >= 0) inputs.push(exact(shape.next));
    for (const accepts of inputs) {
      if (states.has(this.accept)) return true; // a match may end here
      states = this.step(states, accepts);
      if (states.size === 0) return false;
    }
    return true; // a match may end here or go on
  }
}

/** A filter for `pattern`, or undefined when the pattern uses syntax it does not read (always maybe). */
export function prefixFilter(pattern: string): PrefixFilter | undefined {
  try {
    return new PrefixFilter(pattern);
  } catch {
    return undefined;
  }
}

/**
 * A regex pattern read into an NFA over character sets (Thompson construction), for the rule subset of
 * JavaScript regex syntax. Lookarounds and anchors become empty steps (assumed true), so the NFA accepts
 * at least everything the regex does: it can tell that a rule cannot match, never that it must.
 * Unknown syntax (`\u0041`, backreferences) throws.
 */

export const SLOTS = 129; // ASCII codes, and 128 for every other character
export type CharSet = Uint8Array;

export interface Fragment {
  start: number;
  end: number;
}

export class Nfa {
  readonly epsilon: number[][] = [];
  readonly chars: Array<CharSet | null> = [];
  readonly target: number[] = [];

  state(): number {
    this.epsilon.push([]);
    this.chars.push(null);
    this.target.push(-1);
    return this.epsilon.length - 1;
  }
}

function set(codes: Iterable<number>): CharSet {
  const s = new Uint8Array(SLOTS);
  for (const c of codes) s[c < 128 ? c : 128] = 1;
  return s;
}
export const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
export const DIGITS = range(48, 57);
const WORD = [...DIGITS, ...range(65, 90), ...range(97, 122), 95];
const SPACE = [9, 10, 11, 12, 13, 32, 128];
const complement = (s: CharSet): CharSet => s.map((v, i) => (i === 128 ? 1 : 1 - v));

/** Control-character escapes: `\n` and friends stand for one character. */
const CONTROL: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };

const ESCAPE_SETS: Record<string, () => CharSet> = {
  d: () => set(DIGITS),
  w: () => set(WORD),
  s: () => set(SPACE),
  D: () => complement(set(DIGITS)),
  W: () => complement(set(WORD)),
  S: () => complement(set(SPACE)),
};

export class Parser {
  private i = 0;
  /** Character sets by the source position of their atom: the copies of a repeated atom share one. */
  private readonly sets = new Map<number, CharSet>();
  constructor(
    private readonly src: string,
    private readonly nfa: Nfa,
  ) {}

  private setAt(at: number, make: () => CharSet): CharSet {
    let chars = this.sets.get(at);
    if (chars === undefined) this.sets.set(at, (chars = make()));
    return chars;
  }

  parse(): Fragment {
    const f = this.alternation();
    if (this.i !== this.src.length) throw new Error('unbalanced');
    return f;
  }

  private alternation(): Fragment {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    const start = this.nfa.state();
    const end = this.nfa.state();
    for (const b of branches) {
      this.nfa.epsilon[start].push(b.start);
      this.nfa.epsilon[b.end].push(end);
    }
    return { start, end };
  }

  private sequence(): Fragment {
    const start = this.nfa.state();
    let end = start;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atomAt = this.i;
      const first = this.atom();
      const { min, max } = this.quantifier();
      let piece = first;
      if (min !== 1 || max !== 1) {
        // Repeat by parsing the atom again for every copy (fresh states each time).
        const after = this.i;
        const copy = (): Fragment => {
          this.i = atomAt;
          const f = this.atom();
          this.i = after;
          return f;
        };
        piece = this.repeat(first, copy, min, max);
      }
      this.nfa.epsilon[end].push(piece.start);
      end = piece.end;
    }
    return { start, end };
  }

  private repeat(first: Fragment, copy: () => Fragment, min: number, max: number): Fragment {
    const start = this.nfa.state();
    const end = this.nfa.state();
    let at = start;
    const copies = Math.min(Math.max(min, 1), 100);
    for (let k = 0; k < copies; k++) {
      const f = k === 0 ? first : copy();
      this.nfa.epsilon[at].push(f.start);
      if (k >= min) this.nfa.epsilon[at].push(end);
      at = f.end;
    }
    if (max === Infinity || max > 100) {
      // Loop over one more copy for unbounded (or very long) repetition.
      const loop = copy();
      this.nfa.epsilon[at].push(loop.start);
      this.nfa.epsilon[loop.end].push(at);
    } else {
      for (let k = copies; k < max; k++) {
        const f = copy();
        this.nfa.epsilon[at].push(end, f.start);
        at = f.end;
      }
    }
    if (min === 0) this.nfa.epsilon[start].push(end);
    this.nfa.epsilon[at].push(end);
    return { start, end };
  }

  private quantifier(): { min: number; max: number } {
    const c = this.src[this.i];
    let q = { min: 1, max: 1 };
    if (c === '?') q = { min: 0, max: 1 };
    else if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m === null) return q;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
      this.i += m[0].length - 1;
    } else return q;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy
    return q;
  }

  private charEdge(chars: CharSet): Fragment {
    const start = this.nfa.state();
    const end = this.nfa.state();
    this.nfa.chars[start] = chars;
    this.nfa.target[start] = end;
    return { start, end };
  }

  private atom(): Fragment {
    const src = this.src;
    const at = this.i;
    const c = src[at];
    if (c === '(') {
      const zeroWidth = /^\(\?(?:=|!|<=|<!)/.test(src.slice(this.i, this.i + 4));
      if (zeroWidth) {
        this.skipGroup();
        const s = this.nfa.state();
        return { start: s, end: s }; // lookarounds: assumed true
      }
      this.i += src.startsWith('(?:', this.i) ? 3 : src.startsWith('(?<', this.i) ? src.indexOf('>', this.i) - this.i + 1 : 1;
      const inner = this.alternation();
      if (src[this.i] !== ')') throw new Error('unclosed group');
      this.i++;
      return inner;
    }
    if (c === '[') {
      const chars = this.sets.get(at);
      if (chars === undefined) return this.charEdge(this.setAt(at, () => this.charClass()));
      this.i = this.classEnd(at);
      return this.charEdge(chars);
    }
    if (c === '\\') {
      const e = src[this.i + 1];
      this.i += 2;
      if (ESCAPE_SETS[e] !== undefined) return this.charEdge(this.setAt(at, ESCAPE_SETS[e]));
      if (e === 'b' || e === 'B') {
        const s = this.nfa.state();
        return { start: s, end: s };
      }
      if (CONTROL[e] !== undefined) return this.charEdge(this.setAt(at, () => set([CONTROL[e]])));
      if (/[A-Za-z0-9]/.test(e)) throw new Error(`escape \\${e}`);
      return this.charEdge(this.setAt(at, () => set([e.charCodeAt(0)])));
    }
    this.i++;
    if (c === '^' || c === '$') {
      const s = this.nfa.state();
      return { start: s, end: s };
    }
    if (c === '.') return this.charEdge(this.setAt(at, () => complement(set([10, 13]))));
    return this.charEdge(this.setAt(at, () => set([c.charCodeAt(0)])));
  }

  /** The position after the character class that opens at `at` (already read once). */
  private classEnd(at: number): number {
    let i = at + 1;
    while (i < this.src.length && this.src[i] !== ']') i += this.src[i] === '\\' ? 2 : 1;
    return i + 1;
  }

  private skipGroup(): void {
    let depth = 0;
    for (; this.i < this.src.length; this.i++) {
      const c = this.src[this.i];
      if (c === '\\') this.i++;
      else if (c === '[') {
        this.charClass();
        this.i--;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        this.i++;
        return;
      }
    }
    throw new Error('unclosed lookaround');
  }

  private charClass(): CharSet {
    const src = this.src;
    this.i++;
    const negated = src[this.i] === '^';
    if (negated) this.i++;
    const s = new Uint8Array(SLOTS);
    let prev = -1;
    while (this.i < src.length && src[this.i] !== ']') {
      let code: number;
      if (src[this.i] === '\\') {
        const e = src[this.i + 1];
        this.i += 2;
        if (ESCAPE_SETS[e] !== undefined) {
          ESCAPE_SETS[e]().forEach((v, k) => v && (s[k] = 1));
          prev = -1;
          continue;
        }
        if (CONTROL[e] !== undefined) code = CONTROL[e];
        else if (/[A-Za-z0-9]/.test(e)) throw new Error(`class escape \\${e}`);
        else code = e.charCodeAt(0);
      } else if (src[this.i] === '-' && prev >= 0 && src[this.i + 1] !== ']') {
        const to = src[this.i + 1] === '\\' ? src.charCodeAt(this.i + 2) : src.charCodeAt(this.i + 1);
        for (let k = prev; k <= to; k++) s[k < 128 ? k : 128] = 1;
        this.i += src[this.i + 1] === '\\' ? 3 : 2;
        prev = -1;
        continue;
      } else {
        code = src.charCodeAt(this.i);
        this.i++;
      }
      s[code < 128 ? code : 128] = 1;
      prev = code;
    }
    this.i++;
    return negated ? complement(s) : s;
  }
}

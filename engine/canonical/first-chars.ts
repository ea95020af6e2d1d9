/**
 * The characters a regex can start a match with, read from its source, so that the scanner only tries
 * the rules that can match at a given character. Conservative: anything it does not understand (or a
 * pattern that can match the empty string) gives `'any'`, never a set that is too small.
 */
export type FirstChars = Set<number> | 'any';

const ASCII = 128;

function range(from: number, to: number, into: Set<number>): void {
  for (let c = from; c <= to; c++) into.add(c);
}

const ESCAPES: Record<string, (into: Set<number>) => void> = {
  d: (s) => range(48, 57, s),
  w: (s) => {
    range(48, 57, s);
    range(65, 90, s);
    range(97, 122, s);
    s.add(95);
  },
  s: (s) => [9, 10, 11, 12, 13, 32, 160].forEach((c) => s.add(c)),
};

/** Parses a class `[...]` starting at `i`; returns its characters (or 'any') and the index after `]`. */
function parseClass(src: string, i: number): { chars: FirstChars; end: number } {
  let j = i + 1;
  const negated = src[j] === '^';
  if (negated) j++;
  const chars = new Set<number>();
  let unknown = false;
  let prev = -1;
  while (j < src.length && src[j] !== ']') {
    let code: number;
    if (src[j] === '\\') {
      const e = src[j + 1];
      j += 2;
      if (ESCAPES[e] !== undefined) {
        ESCAPES[e](chars);
        prev = -1;
        continue;
      }
      if (/[A-Za-z0-9]/.test(e)) unknown = true; // \D, \S, \W, \x41, \u...: give up precision
      code = e.charCodeAt(0);
    } else if (src[j] === '-' && prev >= 0 && src[j + 1] !== ']') {
      const to = src[j + 1] === '\\' ? src.charCodeAt(j + 2) : src.charCodeAt(j + 1);
      range(prev, to, chars);
      j += src[j + 1] === '\\' ? 3 : 2;
      prev = -1;
      continue;
    } else {
      code = src.charCodeAt(j);
      j++;
    }
    chars.add(code);
    prev = code;
  }
  return { chars: negated || unknown ? 'any' : chars, end: j + 1 };
}

/** Index after the group that opens at `i` (`(` ... matching `)`). */
function groupEnd(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') j = parseClass(src, j).end - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return src.length;
}

/** Reads a quantifier at `i`; returns whether it allows zero repetitions and the index after it. */
function quantifier(src: string, i: number): { optional: boolean; end: number } {
  const c = src[i];
  let end = i;
  let optional = false;
  if (c === '?' || c === '*') {
    optional = true;
    end = i + 1;
  } else if (c === '+') {
    end = i + 1;
  } else if (c === '{') {
    const m = /^\{(\d*)(,\d*)?\}/.exec(src.slice(i));
    if (m !== null) {
      optional = m[1] === '' || Number(m[1]) === 0;
      end = i + m[0].length;
    }
  } else {
    return { optional: false, end: i };
  }
  if (src[end] === '?') end++; // lazy
  return { optional, end };
}

function union(a: FirstChars, b: FirstChars): FirstChars {
  if (a === 'any' || b === 'any') return 'any';
  for (const c of b) a.add(c);
  return a;
}

/** First characters of the alternation in `src[from, to)`. */
function alternation(src: string, from: number, to: number): FirstChars {
  let result: FirstChars = new Set<number>();
  let i = from;
  let pending = true; // this alternative has not yet consumed a required character
  while (i <= to) {
    if (i === to || src[i] === '|') {
      if (pending) return 'any'; // an alternative that can match empty
      if (i === to) break;
      pending = true;
      i++;
      continue;
    }
    if (!pending) {
      // Skip to the next top-level `|` of this alternation.
      const c = src[i];
      if (c === '\\') i += 2;
      else if (c === '[') i = parseClass(src, i).end;
      else if (c === '(') i = groupEnd(src, i);
      else i++;
      continue;
    }
    let chars: FirstChars;
    let next: number;
    const c = src[i];
    if (c === '(') {
      next = groupEnd(src, i);
      if (src.startsWith('(?=', i) || src.startsWith('(?!', i) || src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) {
        i = next; // zero-width
        continue;
      }
      const bodyStart = src.startsWith('(?:', i) ? i + 3 : src.startsWith('(?<', i) ? src.indexOf('>', i) + 1 : i + 1;
      chars = alternation(src, bodyStart, next - 1);
    } else if (c === '[') {
      const cls = parseClass(src, i);
      chars = cls.chars;
      next = cls.end;
    } else if (c === '\\') {
      const e = src[i + 1];
      next = i + 2;
      if (ESCAPES[e] !== undefined) ESCAPES[e]((chars = new Set<number>()));
      else if (e === 'b' || e === 'B') {
        i = next;
        continue;
      } else chars = /[A-Za-z0-9]/.test(e) ? 'any' : new Set([e.charCodeAt(0)]);
    } else if (c === '^') {
      i++;
      continue;
    } else if (c === '.' || c === '$') {
      chars = 'any';
      next = i + 1;
    } else {
      chars = new Set([c.charCodeAt(0)]);
      next = i + 1;
    }
    const q = quantifier(src, next);
    result = union(result, chars);
    if (result === 'any') return 'any';
    pending = q.optional;
    i = q.end;
  }
  return result;
}

/** The characters (codes) a match of `pattern` can start with, or 'any'. */
export function firstChars(pattern: string): FirstChars {
  try {
    return alternation(pattern, 0, pattern.length);
  } catch {
    return 'any';
  }
}

/** Whether a rule with these first characters can start at `code`; non-ASCII is decided by the set. */
export function canStartWith(chars: FirstChars, code: number): boolean {
  return chars === 'any' || chars.has(code) || (code >= ASCII && [...chars].some((c) => c >= ASCII));
}

import type { FormToken } from './form-tokens.js';

/**
 * A template token: a constant, a parameter that takes exactly one token (`one`), or an optional run of
 * value tokens (`any`, zero or more). `slot` names the position for the life of the template, so that
 * what is learned about it (the values seen there) survives the template's refinement.
 */
export interface TemplateToken {
  kind: 'const' | 'one' | 'any';
  /** The constant's text; `<*>` for parameters. */
  text: string;
  glue: boolean;
  /** For constants: whether the text reads as a value (see isValueLike). */
  value: boolean;
  /** A record field's value, and whether its key names a code (see FormToken). */
  field?: boolean;
  code?: boolean;
  slot: number;
}

export type AlignOp =
  | 'match' // equal constants
  | 'fill' // a `one` parameter takes the token
  | 'absorb' // an `any` run takes a value token
  | 'skipAny' // an `any` run takes nothing
  | 'sub' // two different value tokens: the constant becomes a parameter
  | 'blockedSub' // two different words: not the same template, unless that position shows many values
  | 'del' // a template token the line lacks: it becomes optional
  | 'ins' // a value token the template lacks: an optional run is added
  | 'blockedGap'; // a word one side lacks: not the same template

export interface AlignStep {
  op: AlignOp;
  /** Template token index (or where an inserted token goes). */
  t: number;
  /** Line token index (or -1). */
  f: number;
}

export interface Alignment {
  steps: AlignStep[];
  /** Constants matched and parameters filled. */
  matched: number;
  /** Words that differ at one position, with the template slot and the line's word. */
  blockedSubs: Array<{ slot: number; text: string }>;
  blockedGaps: number;
  /** Whether taking the line changes the template (a constant becomes a parameter, a run appears). */
  generalizes: boolean;
  /** matched / the longer of the template (without optional runs) and the line. */
  similarity: number;
}

// Scores: a match is worth more than any number of free moves, a blocked move costs more than any
// alignment can win, so the best alignment has the fewest blocked moves, then the most matches.
const MATCH = 8;
const FREE_COST = 1;
const BLOCKED = 1 << 20;

/**
 * The best alignment of a line's tokens with a template (dynamic programming over both sequences,
 * O(template × line) time and memory; callers bound both lengths).
 */
export function align(template: readonly TemplateToken[], line: readonly FormToken[]): Alignment {
  const m = template.length;
  const n = line.length;
  const w = n + 1;
  // best[i*w + j]: best score aligning template[i..] with line[j..]
  // Tokens that may be missing or extra: values alone (a value mixed with words is wording, see sameWording).
  const loose = line.map(isLoose);
  const looseT = template.map(isLoose);
  const best = new Float64Array((m + 1) * w);
  for (let i = m; i >= 0; i--) {
    for (let j = n; j >= 0; j--) {
      if (i === m && j === n) continue;
      let score = -Infinity;
      if (i < m) {
        const t = template[i];
        if (j < n) {
          const f = line[j];
          if (t.kind === 'const') score = best[(i + 1) * w + j + 1] + diagScore(t, f);
          else if (t.kind === 'one') score = best[(i + 1) * w + j + 1] + MATCH;
          else if (loose[j]) score = best[i * w + j + 1]; // any absorbs
        }
        // skip the template token
        const skip = t.kind === 'any' ? 0 : t.kind === 'one' || looseT[i] ? -FREE_COST : -BLOCKED;
        score = Math.max(score, best[(i + 1) * w + j] + skip);
      }
      if (j < n) score = Math.max(score, best[i * w + j + 1] + (loose[j] ? -FREE_COST : -BLOCKED));
      best[i * w + j] = score;
    }
  }
  return traceback(template, line, best, w, loose, looseT);
}

function diagScore(t: TemplateToken, f: FormToken): number {
  if (t.text === f.text) return MATCH;
  if (t.value && f.value && sameWording(t.text, f.text)) return -FREE_COST;
  return -BLOCKED;
}

function isLoose(t: { text: string; value: boolean }): boolean {
  return t.value && wording(t.text) === undefined;
}

/**
 * Two values differ only in their values: unless both mix words with values and the words differ
 * (`sshd[<NUM>]:` / `su[<NUM>]:`, `eth0:` / `BIOS-e820:`), which is a difference in wording.
 */
function sameWording(a: string, b: string): boolean {
  const wa = wording(a);
  const wb = wording(b);
  return wa === undefined || wb === undefined || wa === wb;
}

const VALUE_RUNS = /<[A-Z_*]+>|\d+/g;
const LETTER = /[A-Za-z]/;

/** A token's words with its values blanked, when it mixes both; undefined for a value alone (or a kept name). */
function wording(text: string): string | undefined {
  const blanked = text.replace(VALUE_RUNS, '#');
  if (blanked === text || !LETTER.test(blanked)) return undefined;
  return blanked;
}

function traceback(
  template: readonly TemplateToken[],
  line: readonly FormToken[],
  best: Float64Array,
  w: number,
  loose: boolean[],
  looseT: boolean[],
): Alignment {
  const m = template.length;
  const n = line.length;
  const steps: AlignStep[] = [];
  const blockedSubs: Alignment['blockedSubs'] = [];
  let matched = 0;
  let matchedWords = 0;
  let blockedGaps = 0;
  let generalizes = false;
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    const here = best[i * w + j];
    if (i < m) {
      const t = template[i];
      if (j < n) {
        const f = line[j];
        if (t.kind === 'const') {
          const s = diagScore(t, f);
          if (here === best[(i + 1) * w + j + 1] + s) {
            if (s === MATCH) {
              steps.push({ op: 'match', t: i, f: j });
              matched++;
              if (!t.value) matchedWords++;
            } else if (s === -FREE_COST) {
              steps.push({ op: 'sub', t: i, f: j });
              generalizes = true;
            } else {
              steps.push({ op: 'blockedSub', t: i, f: j });
              blockedSubs.push({ slot: t.slot, text: f.text });
            }
            i++;
            j++;
            continue;
          }
        } else if (t.kind === 'one') {
          if (here === best[(i + 1) * w + j + 1] + MATCH) {
            steps.push({ op: 'fill', t: i, f: j });
            matched++;
            i++;
            j++;
            continue;
          }
        } else if (loose[j] && here === best[i * w + j + 1]) {
          steps.push({ op: 'absorb', t: i, f: j });
          j++;
          continue;
        }
      }
      const skip = t.kind === 'any' ? 0 : t.kind === 'one' || looseT[i] ? -FREE_COST : -BLOCKED;
      if (here === best[(i + 1) * w + j] + skip) {
        if (t.kind === 'any') steps.push({ op: 'skipAny', t: i, f: -1 });
        else if (skip === -FREE_COST) {
          steps.push({ op: 'del', t: i, f: -1 });
          generalizes = true;
        } else {
          steps.push({ op: 'blockedGap', t: i, f: -1 });
          blockedGaps++;
        }
        i++;
        continue;
      }
    }
    // insertion of line[j]
    if (loose[j]) {
      steps.push({ op: 'ins', t: i, f: j });
      generalizes = true;
    } else {
      steps.push({ op: 'blockedGap', t: i, f: j });
      blockedGaps++;
    }
    j++;
  }
  // Similarity counts words only: values may differ, be missing or be extra without making lines
  // less alike, and words that differ block the join anyway (blocked steps count as matched here, so
  // that a near-twin blocked only by words still measures as near).
  let templateWords = 0;
  for (const t of template) if (t.kind === 'const' && !t.value) templateWords++;
  let lineWords = 0;
  for (const f of line) if (!f.value) lineWords++;
  const denominator = Math.max(templateWords, lineWords);
  const similarity = denominator === 0 ? 1 : (matchedWords + blockedSubs.length) / denominator;
  return { steps, matched, blockedSubs, blockedGaps, generalizes, similarity };
}

/**
 * The template after taking a line it aligned with without blocked moves: differing values become
 * `one` parameters, missing or extra values become `any` runs (adjacent runs joined).
 */
export function generalize(template: readonly TemplateToken[], line: readonly FormToken[], alignment: Alignment, newSlot: () => number): TemplateToken[] {
  const out: TemplateToken[] = [];
  const push = (t: TemplateToken) => {
    const last = out[out.length - 1];
    if (t.kind === 'any' && last !== undefined && last.kind === 'any') return;
    out.push(t);
  };
  for (const step of alignment.steps) {
    switch (step.op) {
      case 'match':
      case 'fill':
        push(template[step.t]);
        break;
      case 'absorb':
        break; // the run is pushed by its skipAny or was already pushed
      case 'skipAny':
        push(template[step.t]);
        break;
      case 'sub':
        push({ ...template[step.t], kind: 'one', text: '<*>', value: true });
        break;
      case 'del':
        push({ ...template[step.t], kind: 'any', text: '<*>', value: true });
        break;
      case 'ins':
        push({ kind: 'any', text: '<*>', glue: line[step.f].glue, value: true, slot: newSlot() });
        break;
      default:
        throw new Error(`cannot generalize over a ${step.op}`);
    }
  }
  // An `any` that absorbed tokens but whose skipAny came later is already in place: runs are pushed once
  // per template token, in template order, because absorb never moves the template index.
  return out;
}

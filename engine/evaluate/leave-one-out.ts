/**
 * The selection rules of the leave-one-data-set-out protocol, apart from the data: given each
 * candidate's score on every data set, what a fold (a list of training sets) chooses. Everything here
 * was decided before looking at results, ties included.
 */

/** The template layer's parameters chosen per fold. */
export interface MinerSetting {
  evidenceValues: number;
  fieldValues: number;
  /** Distinct rare words that open a position early (Infinity: off), and the mean lines per word allowed. */
  rareValues: number;
  rareLines: number;
}

/** evidenceValues tried: from "a word is a parameter after 4 distinct words" to 32 (the miner keeps 32). */
export const EVIDENCE_GRID: readonly number[] = [4, 6, 8, 12, 16, 24, 32];
/** fieldValues tried (record fields, `key=value` in lines of three keys or more). */
export const FIELD_GRID: readonly number[] = [2, 4, 6, 8];

/** Early opening on rare words tried: off, or after 4, 6 or 8 such words of at most 2 or 3 lines each. */
export const RARE_GRID: ReadonlyArray<readonly [rareValues: number, rareLines: number]> = [
  [Number.POSITIVE_INFINITY, 2],
  [8, 2],
  [8, 3],
  [6, 2],
  [6, 3],
  [4, 2],
  [4, 3],
];

export function minerGrid(): MinerSetting[] {
  return EVIDENCE_GRID.flatMap((evidenceValues) =>
    FIELD_GRID.flatMap((fieldValues) => RARE_GRID.map(([rareValues, rareLines]) => ({ evidenceValues, fieldValues, rareValues, rareLines }))),
  );
}

/** A setting as the tables print it: `32 / 8, rare 6 × ≤2` or `32 / 8, rare off`. */
export function minerSettingText(s: MinerSetting): string {
  return `${s.evidenceValues} / ${s.fieldValues}, rare ${Number.isFinite(s.rareValues) ? `${s.rareValues} × ≤${s.rareLines}` : 'off'}`;
}

/** A key that tells settings apart (for memos and lookups). */
export function minerSettingKey(s: MinerSetting): string {
  return `${s.evidenceValues}/${s.fieldValues}/${s.rareValues}/${s.rareLines}`;
}

/** The macro level's HDBSCAN settings chosen per fold (unit 'templates'). */
export interface ThemeSetting {
  minClusterSize: number;
  minSamples: number;
}

export const MIN_CLUSTER_SIZE_GRID: readonly number[] = [2, 3, 4];
export const MIN_SAMPLES_GRID: readonly number[] = [1, 2, 3];

export function themeGrid(): ThemeSetting[] {
  return MIN_CLUSTER_SIZE_GRID.flatMap((minClusterSize) => MIN_SAMPLES_GRID.map((minSamples) => ({ minClusterSize, minSamples })));
}

/** Scores closer than this are equal (GA moves in steps of 1/4,000 on a 2k set's two inputs). */
const TIE = 1e-9;

/** Mean of `scores` over the data sets `training` (indices). Sets whose score is NaN (not measurable) are skipped. */
export function trainingMean(scores: readonly number[], training: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const i of training) {
    if (Number.isNaN(scores[i])) continue;
    sum += scores[i];
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/**
 * The candidate with the best training mean. On a tie `preferred(a, b) < 0` says a goes first:
 * for the template layer, the larger evidenceValues, then the larger fieldValues, then no early opening
 * on rare words before some, more rare words before fewer, fewer lines per word before more (each time,
 * a word stays part of the template until more evidence says otherwise: two events kept apart rather
 * than merged); for the
 * macro level, the smaller minClusterSize, then the smaller minSamples (the finer themes).
 */
export function chooseBest<T>(
  candidates: readonly T[],
  scores: (candidate: T) => readonly number[],
  training: readonly number[],
  preferred: (a: T, b: T) => number,
): { choice: T; mean: number } {
  if (candidates.length === 0) throw new Error('chooseBest: no candidates');
  let best = candidates[0];
  let bestMean = trainingMean(scores(best), training);
  for (const c of candidates.slice(1)) {
    const mean = trainingMean(scores(c), training);
    if (mean > bestMean + TIE || (Math.abs(mean - bestMean) <= TIE && preferred(c, best) < 0) || (Number.isNaN(bestMean) && !Number.isNaN(mean))) {
      best = c;
      bestMean = mean;
    }
  }
  return { choice: best, mean: bestMean };
}

export const preferMinerSetting = (a: MinerSetting, b: MinerSetting): number =>
  b.evidenceValues - a.evidenceValues || b.fieldValues - a.fieldValues || compareDesc(a.rareValues, b.rareValues) || a.rareLines - b.rareLines;

/** Larger first, Infinity included (Infinity − Infinity is NaN). */
function compareDesc(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}
export const preferThemeSetting = (a: ThemeSetting, b: ThemeSetting): number => a.minClusterSize - b.minClusterSize || a.minSamples - b.minSamples;

/**
 * The canonicalizer rules a fold drops. First single-rule ablation on the training sets: a rule whose
 * removal (alone, the others in place) lowers the training mean is kept. The others are candidates,
 * but many rules are redundant with one another (the template layer treats any token with a digit as
 * a value, so `number`, `hex`, `alnum_id` … each look useless alone) and dropping them all at once
 * would remove what only one of them is needed for; so the candidates are dropped one at a time, in
 * the rule list's order (its priority order), each only if the training mean with it removed, after
 * those dropped before it, is not lower than before. `scores(dropped)` are the per-set scores with the
 * rules `dropped` removed.
 */
export function rulesToDrop(rules: readonly string[], scores: (dropped: readonly string[]) => readonly number[], training: readonly number[]): string[] {
  const base = trainingMean(scores([]), training);
  const candidates = rules.filter((rule) => trainingMean(scores([rule]), training) >= base - TIE);
  const dropped: string[] = [];
  let current = base;
  for (const rule of candidates) {
    const mean = trainingMean(scores([...dropped, rule]), training);
    if (mean >= current - TIE) {
      dropped.push(rule);
      current = mean;
    }
  }
  return dropped;
}

/** Per data set: does removing a rule lower (helps), raise (hurts) or leave its score? */
export function ruleEffect(withAll: readonly number[], without: readonly number[]): Array<'helps' | 'hurts' | 'none'> {
  return withAll.map((s, i) => (without[i] < s - TIE ? 'helps' : without[i] > s + TIE ? 'hurts' : 'none'));
}

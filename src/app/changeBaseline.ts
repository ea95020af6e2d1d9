/** Which window the Changes page compares the time range against. */
export type BaselineChoice = 'before' | 'yesterday' | 'lastWeek';

export const BASELINE_CHOICES: Array<{ value: BaselineChoice; label: string; description: string }> = [
  { value: 'before', label: 'Same length before', description: 'The window as long as the range, just before it' },
  { value: 'yesterday', label: 'Same time yesterday', description: 'The same range, one day earlier' },
  { value: 'lastWeek', label: 'Same time last week', description: 'The same range, seven days earlier' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

// A fixed 24 h / 7 × 24 h shift, as Grafana's "1d"/"7d" time shift and the backend's baselineShift: across a
// daylight saving change the baseline is an hour off the wall clock, which a count comparison tolerates.
const SHIFT_MS: Record<BaselineChoice, number> = { before: 0, yesterday: DAY_MS, lastWeek: 7 * DAY_MS };

/**
 * The baseline window to ask GET /changes for, in epoch ms; undefined for "same length before", which is the
 * engine's default (and what an engine that predates explicit baselines answers too).
 */
export function changeBaseline(choice: BaselineChoice, range: { from: number; to: number }): { baselineFrom: number; baselineTo: number } | undefined {
  const shift = SHIFT_MS[choice];
  if (!shift) {
    return undefined;
  }
  return { baselineFrom: range.from - shift, baselineTo: range.to - shift };
}

/** The choice a URL's `baseline` parameter names (so a comparison can be shared); anything else is the default. */
export function baselineChoiceOf(value: unknown): BaselineChoice {
  return BASELINE_CHOICES.some((c) => c.value === value) ? (value as BaselineChoice) : 'before';
}

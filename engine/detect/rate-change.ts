// Whether an event type's rate changed between two windows, judged so that small counts cannot look
// significant. The counts are taken as Poisson with exposure = window length; given their total n, the
// count in the first window is Binomial(n, p0) under "same rate", p0 = tA / (tA + tB) (the conditional
// test for two Poisson rates, Przyborowski & Wilenski 1940). The p-value is the exact two-sided binomial
// tail (twice the smaller tail, at most 1): 1 line against 0 in equal windows is p = 1, 3 against 0 is
// p = 0.25, 10 against 0 is p ≈ 0.002, 200 against 20 is p ≈ 1e-40. No prior, no continuity fudge: the
// exact tail already makes small counts weak evidence.

/** p-value below which a rate counts as changed. Per template, not corrected for the number of templates. */
export const CHANGE_ALPHA = 0.001;

export interface RateChange {
  /** Two-sided p-value of "the rate is the same in both windows". */
  pValue: number;
  /** -log10(pValue): 0 for no evidence, larger for stronger (finite even when pValue underflows). */
  score: number;
  /** Rate in window A over rate in window B; null when B has none. */
  ratio: number | null;
  direction: 'up' | 'down' | 'same';
}

/** Compares count `a` over `tA` with count `b` over `tB` (any positive time unit, the same for both). */
export function rateChange(a: number, tA: number, b: number, tB: number): RateChange {
  if (!(tA > 0 && tB > 0)) throw new RangeError('window lengths must be positive');
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0)) throw new RangeError('counts must be non-negative integers');
  const ratio = b === 0 ? null : (a * tB) / (b * tA);
  const n = a + b;
  const p0 = tA / (tA + tB);
  const expected = n * p0;
  if (n === 0 || a === expected) return { pValue: 1, score: 0, ratio, direction: 'same' };
  const up = a > expected;
  // The tail away from the expectation: P(X ≥ a) going up, P(X ≤ a) = P(n − X ≥ n − a) going down.
  const logTail = up ? logUpperTail(a, n, p0) : logUpperTail(n - a, n, 1 - p0);
  const logP = Math.min(0, logTail + Math.LN2);
  return { pValue: Math.exp(logP), score: Math.max(0, -logP / Math.LN10), ratio, direction: up ? 'up' : 'down' };
}

/** ln P(X ≥ k) for X ~ Binomial(n, p), summed from k outward until the terms no longer matter. */
function logUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  const logFirst = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  // Terms relative to the first: t(i+1) / t(i) = (n − i) / (i + 1) · p / (1 − p).
  const odds = p / (1 - p);
  let sum = 1;
  let term = 1;
  const mode = Math.floor((n + 1) * p);
  for (let i = k; i < n; i++) {
    term *= ((n - i) / (i + 1)) * odds;
    sum += term;
    if (i >= mode && term < sum * 1e-17) break;
  }
  return logFirst + Math.log(sum);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

// Lanczos approximation (g = 7, 9 coefficients), accurate to ~1e-15 relative for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

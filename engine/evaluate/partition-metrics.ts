import { groupingAccuracy as loghubGroupingAccuracy } from '../canonical/eval-grouping.js';
import { adjustedRandIndex } from '../cluster/metrics.js';

/**
 * How well a grouping of lines matches the true one. Groups are named by any string; each distinct
 * string is one group.
 */

/**
 * Loghub's grouping accuracy (Zhu et al., "Tools and Benchmarks for Automated Log Parsing"): the
 * fraction of lines whose predicted group holds exactly the lines of their true event.
 */
export function groupingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  checkLengths(predicted, truth);
  if (truth.length === 0) return 1;
  return loghubGroupingAccuracy(predicted, truth);
}

/** Adjusted Rand index (sklearn's `adjusted_rand_score`) of string-named groups: 1 = same partition, ~0 = chance. */
export function adjustedRandScore(predicted: readonly string[], truth: readonly string[]): number {
  checkLengths(predicted, truth);
  return adjustedRandIndex(numbered(predicted), numbered(truth));
}

function numbered(groups: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(groups, (g) => {
    let id = ids.get(g);
    if (id === undefined) ids.set(g, (id = ids.size));
    return id;
  });
}

/**
 * Normalized mutual information with the arithmetic mean of the entropies (sklearn's
 * `normalized_mutual_info_score` default). Two single-group labelings score 1.
 */
export function normalizedMutualInfo(predicted: readonly string[], truth: readonly string[]): number {
  const { joint, rows, cols, n } = contingency(predicted, truth);
  if (n === 0) return 1;
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const hp = entropy(rows.values());
  const ht = entropy(cols.values());
  if (hp === 0 && ht === 0) return 1;
  let mi = 0;
  for (const [key, c] of joint) {
    const [p, t] = splitKey(key);
    mi += (c / n) * Math.log((c * n) / (rows.get(p)! * cols.get(t)!));
  }
  const denominator = (hp + ht) / 2;
  return denominator === 0 ? 0 : Math.max(0, Math.min(1, mi / denominator));
}

function contingency(predicted: readonly string[], truth: readonly string[]) {
  checkLengths(predicted, truth);
  const joint = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  for (let i = 0; i < truth.length; i++) {
    const key = JSON.stringify([predicted[i], truth[i]]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(predicted[i], (rows.get(predicted[i]) ?? 0) + 1);
    cols.set(truth[i], (cols.get(truth[i]) ?? 0) + 1);
  }
  return { joint, rows, cols, n: truth.length };
}

function splitKey(key: string): [string, string] {
  return JSON.parse(key) as [string, string];
}

function checkLengths(predicted: readonly string[], truth: readonly string[]): void {
  if (predicted.length !== truth.length) throw new Error(`${predicted.length} predicted groups for ${truth.length} lines`);
}

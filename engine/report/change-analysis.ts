// "What changed": each template's (and each cluster's) count in a time range against a baseline window,
// with a status a person reads first (new, gone) and a significance that small counts do not inflate
// (detect/rate-change.ts). Pure: the counts come from the watch store, the caller names the windows.
import { CHANGE_ALPHA, rateChange, type RateChange } from '../detect/rate-change.js';

export type ChangeStatus = 'new' | 'gone' | 'grown' | 'shrunk' | 'steady';

/** A template as the analysis reads it. */
export interface ChangeTemplate {
  key: number;
  /** First time the watch counted it (event time, ms). */
  firstSeenMs: number;
  /** Its cluster number (negative: noise; undefined: not clustered yet). */
  cluster: number | undefined;
}

export interface ChangeWindows {
  fromMs: number;
  toMs: number;
  baselineFromMs: number;
  baselineToMs: number;
}

export interface ChangeInput extends ChangeWindows {
  templates: readonly ChangeTemplate[];
  /** Events per template key in [from, to) and in [baselineFrom, baselineTo). */
  rangeCounts: ReadonlyMap<number, number>;
  baselineCounts: ReadonlyMap<number, number>;
}

export interface Change extends RateChange {
  status: ChangeStatus;
  count: number;
  baselineCount: number;
}

export interface TemplateChange<T extends ChangeTemplate = ChangeTemplate> extends Change {
  template: T;
}

export interface ClusterChange extends Change {
  /** Cluster number, -1 for templates in no cluster (undefined clusters count as noise). */
  cluster: number;
  /** Templates of the cluster with events in either window. */
  templates: number;
}

const STATUS_ORDER: Record<ChangeStatus, number> = { new: 0, gone: 1, grown: 2, shrunk: 2, steady: 2 };

/**
 * A count against its baseline. `new`: events in the range and first seen at or after its start (never
 * before in the watch, whatever the baseline window); `gone`: events in the baseline, none in the range;
 * `grown` / `shrunk`: the rate changed with p < CHANGE_ALPHA; else `steady`.
 */
export function classifyChange(count: number, baselineCount: number, firstSeenMs: number, w: ChangeWindows): Change {
  const test = rateChange(count, w.toMs - w.fromMs, baselineCount, w.baselineToMs - w.baselineFromMs);
  const status: ChangeStatus =
    count > 0 && firstSeenMs >= w.fromMs
      ? 'new'
      : count === 0 && baselineCount > 0
        ? 'gone'
        : test.pValue < CHANGE_ALPHA
          ? test.direction === 'up'
            ? 'grown'
            : 'shrunk'
          : 'steady';
  return { ...test, status, count, baselineCount };
}

/** Orders changes: new first, then gone, then by significance (then by size of the change, then count). */
export function compareChanges(a: Change, b: Change): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    b.score - a.score ||
    Math.abs(logRatio(b)) - Math.abs(logRatio(a)) ||
    b.count + b.baselineCount - (a.count + a.baselineCount)
  );
}

/** Every template and cluster with events in either window, ordered by compareChanges. */
export function analyzeChanges<T extends ChangeTemplate>(
  input: ChangeInput & { templates: readonly T[] },
): { templates: Array<TemplateChange<T>>; clusters: ClusterChange[] } {
  const templates: Array<TemplateChange<T>> = [];
  const clusters = new Map<number, { count: number; baselineCount: number; firstSeenMs: number; templates: number }>();
  for (const t of input.templates) {
    const count = input.rangeCounts.get(t.key) ?? 0;
    const baselineCount = input.baselineCounts.get(t.key) ?? 0;
    const c = t.cluster !== undefined && t.cluster >= 0 ? t.cluster : -1;
    let agg = clusters.get(c);
    if (!agg) clusters.set(c, (agg = { count: 0, baselineCount: 0, firstSeenMs: Number.POSITIVE_INFINITY, templates: 0 }));
    // A cluster is new only when none of its templates was ever seen before the range.
    agg.firstSeenMs = Math.min(agg.firstSeenMs, t.firstSeenMs);
    if (count === 0 && baselineCount === 0) continue;
    agg.count += count;
    agg.baselineCount += baselineCount;
    agg.templates++;
    templates.push({ template: t, ...classifyChange(count, baselineCount, t.firstSeenMs, input) });
  }
  const clusterRows: ClusterChange[] = [];
  for (const [cluster, agg] of clusters) {
    if (agg.templates === 0) continue;
    clusterRows.push({ cluster, templates: agg.templates, ...classifyChange(agg.count, agg.baselineCount, agg.firstSeenMs, input) });
  }
  templates.sort((a, b) => compareChanges(a, b) || a.template.key - b.template.key);
  clusterRows.sort((a, b) => compareChanges(a, b) || a.cluster - b.cluster);
  return { templates, clusters: clusterRows };
}

/**
 * For an alert rule: per step, how many templates' rate rose significantly (p < CHANGE_ALPHA, the same
 * test) against the step just before it. A template first seen in a step counts when its count alone is
 * significant against zero (10 or more lines), so a single new line never fires it.
 */
export function grownTemplateCounts(
  stepCounts: ReadonlyArray<{ t: number; patternKey: number; count: number }>,
  starts: readonly number[],
  stepMs: number,
): number[] {
  const byStep = new Map<number, Map<number, number>>();
  for (const r of stepCounts) {
    let m = byStep.get(r.t);
    if (!m) byStep.set(r.t, (m = new Map()));
    m.set(r.patternKey, (m.get(r.patternKey) ?? 0) + r.count);
  }
  return starts.map((t) => {
    const now = byStep.get(t);
    const before = byStep.get(t - stepMs);
    let grown = 0;
    for (const [key, count] of now ?? []) {
      const test = rateChange(count, stepMs, before?.get(key) ?? 0, stepMs);
      if (test.direction === 'up' && test.pValue < CHANGE_ALPHA) grown++;
    }
    return grown;
  });
}

function logRatio(c: Change): number {
  if (c.count === 0 && c.baselineCount === 0) return 0;
  return Math.log((c.count + 0.5) / (c.baselineCount + 0.5));
}

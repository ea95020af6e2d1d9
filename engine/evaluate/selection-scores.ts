import { createCanonicalizer } from '../canonical/canonicalizer.js';
import type { CanonicalRule, Canonicalizer } from '../canonical/types.js';
import { minerSettingKey, type MinerSetting } from './leave-one-out.js';
import type { LabeledDataset } from './loghub-datasets.js';
import { canonicalLines, groupByTemplates, type CanonicalLine } from './template-level.js';
import { groupingAccuracy } from './partition-metrics.js';

export type Forms = { raw: CanonicalLine[]; content: CanonicalLine[] };

/** Canonical forms of data sets kept at once besides those of the full rule set (each is a few MB). */
const FORMS_KEPT = 24;

/**
 * The selection criterion of every (rules removed, template setting, data set): (raw GA + Content GA) / 2
 * of the template layer, memoized, so that folds that try the same rule set share the work. Canonical
 * forms are kept for the full rule set and for the few rule sets used last.
 */
export class SelectionScores {
  private readonly scores = new Map<string, number>();
  private readonly forms = new Map<string, Forms>();
  private readonly canonicalizers = new Map<string, Canonicalizer>();
  private readonly full = new Map<number, Forms>();

  constructor(
    private readonly datasets: readonly LabeledDataset[],
    private readonly rules: readonly CanonicalRule[],
  ) {}

  /** Rule sets tried so far (for progress). */
  get ruleSets(): number {
    return this.canonicalizers.size;
  }

  /** The forms of data set `i` with the rules `dropped` removed. */
  formsOf(dropped: readonly string[], i: number): Forms {
    const key = droppedKey(dropped);
    if (key === '') {
      let f = this.full.get(i);
      if (!f) this.full.set(i, (f = this.canonicalize(key, dropped, i)));
      return f;
    }
    const k = `${key}|${i}`;
    let f = this.forms.get(k);
    if (f) {
      this.forms.delete(k);
      this.forms.set(k, f); // most recent last
      return f;
    }
    f = this.canonicalize(key, dropped, i);
    this.forms.set(k, f);
    if (this.forms.size > FORMS_KEPT) this.forms.delete(this.forms.keys().next().value!);
    return f;
  }

  /** The criterion of data set `i`. */
  score(dropped: readonly string[], setting: MinerSetting, i: number): number {
    const k = `${droppedKey(dropped)}|${minerSettingKey(setting)}|${i}`;
    let s = this.scores.get(k);
    if (s === undefined) {
      const forms = this.formsOf(dropped, i);
      const truth = this.datasets[i].eventIds;
      s = (groupingAccuracy(groupByTemplates(forms.raw, setting).groups, truth) + groupingAccuracy(groupByTemplates(forms.content, setting).groups, truth)) / 2;
      this.scores.set(k, s);
    }
    return s;
  }

  /** Per data set, the criterion for the sets in `which` (NaN for the others, which are not computed). */
  perSet(dropped: readonly string[], setting: MinerSetting, which: readonly number[]): number[] {
    const wanted = new Set(which);
    return this.datasets.map((_, i) => (wanted.has(i) ? this.score(dropped, setting, i) : NaN));
  }

  private canonicalize(key: string, dropped: readonly string[], i: number): Forms {
    let c = this.canonicalizers.get(key);
    if (!c) {
      const unknown = dropped.filter((name) => !this.rules.some((r) => r.name === name));
      if (unknown.length > 0) throw new Error(`no such rule: ${unknown.join(', ')}`);
      c = createCanonicalizer({ rules: this.rules.filter((r) => !dropped.includes(r.name)) });
      this.canonicalizers.set(key, c);
    }
    const d = this.datasets[i];
    return { raw: canonicalLines(d.raw, c), content: canonicalLines(d.content, c) };
  }
}

function droppedKey(dropped: readonly string[]): string {
  return [...dropped].sort().join(',');
}

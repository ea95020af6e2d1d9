import { DEFAULT_RULES } from '../canonical/default-rules.js';
import { embeddingText } from '../canonical/embedding-text.js';
import type { CanonicalRule } from '../canonical/types.js';
import { clusterLabel } from '../cluster/cluster-label.js';
import { clusterPatterns, THEME_DEFAULTS } from '../cluster/cluster-patterns.js';
import type { Embedder } from '../embed/embedder.js';
import { DEFAULT_MINER_OPTIONS } from '../templates/template-miner.js';
import {
  chooseBest,
  minerGrid,
  minerSettingKey,
  minerSettingText,
  preferMinerSetting,
  preferThemeSetting,
  ruleEffect,
  rulesToDrop,
  themeGrid,
  trainingMean,
  FIELD_GRID,
  type MinerSetting,
  type ThemeSetting,
} from './leave-one-out.js';
import type { LabeledDataset } from './loghub-datasets.js';
import { macroMeasures, type MacroMeasures } from './macro-level.js';
import { firstSeenAlerts, type NoveltyCounts } from './novelty.js';
import { SelectionScores, type Forms } from './selection-scores.js';
import { groupByForms, groupByTemplates, scoreGroups, type Scores } from './template-level.js';

export type { Scores } from './template-level.js';

const INPUTS = ['raw', 'content'] as const;
export type Input = (typeof INPUTS)[number];

/** One input pair of a data set at one setting. */
export interface InputScores {
  templates: { raw: number; content: number };
  raw: Scores;
  content: Scores;
}

export interface TemplateRow {
  name: string;
  lines: number;
  eventTypes: number;
  /** Exact canonical forms as groups (no template layer), default rules. */
  baseline: InputScores;
  /** The engine's defaults (template layer and rules), tuned looking at all nine sets. */
  allSets: InputScores;
  /** This set left out: settings and rules chosen on the others. */
  leaveOneOut: InputScores & {
    setting: MinerSetting;
    droppedRules: string[];
    /** Training mean of (raw GA + Content GA) / 2 at the chosen setting: all rules, then without the dropped ones. */
    trainingScore: number;
    trainingScoreWithoutDropped: number;
  };
}

export interface NoveltyRow {
  name: string;
  baseline: NoveltyCounts;
  allSets: NoveltyCounts;
  leaveOneOut: NoveltyCounts;
}

export interface RuleRow {
  rule: string;
  /** Per data set, (raw GA + Content GA) / 2 without the rule minus with it, at the engine's defaults. */
  deltas: number[];
  helps: string[];
  hurts: string[];
  /** Mean GA (raw, Content) over all sets without this rule, at the engine defaults (for rules with an effect). */
  allSetsWithout?: { raw: number; content: number };
}

export interface MacroRow {
  name: string;
  /** The default macro level (THEME_DEFAULTS), with the default template layer. */
  allSets: MacroMeasures;
  /** The finer level (unit 'events', the defaults before themes) for comparison. */
  byEvents: MacroMeasures;
  leaveOneOut: MacroMeasures & { setting: ThemeSetting };
  /** Labels of the largest clusters (default setting), most events first. */
  largestClusters: Array<{ label: string; templates: number; events: number }>;
}

export interface EvaluationResult {
  datasets: string[];
  minerDefaults: MinerSetting;
  themeDefaults: ThemeSetting;
  templates: TemplateRow[];
  novelty: NoveltyRow[];
  rules: RuleRow[];
  /** The rules the folds test (those whose removal changes some set's GA at the engine defaults). */
  rulesUnderTest: string[];
  /** Data sets whose GA changes with fieldValues (FIELD_GRID) at the default evidenceValues. */
  fieldValuesMatter: string[];
  /** What the selection picks with all nine sets as training: the candidate defaults. */
  allNine: { setting: MinerSetting; droppedRules: string[]; trainingScore: number };
  /** Rules that help exactly one data set, and the all-sets figure without them. */
  oneSetRules: { rules: string[]; withAll: { raw: number; content: number }; without: { raw: number; content: number } };
  macro: MacroRow[];
  /** The macro setting chosen with all nine sets as training, and its mean program F1. */
  macroAllNine: { setting: ThemeSetting; programF1: number };
}

export interface EvaluationOptions {
  /** The base rule set (default: DEFAULT_RULES). */
  rules?: readonly CanonicalRule[];
  /** Called with a short message at each stage (long jobs show progress). */
  onStage?: (message: string) => void;
}

/**
 * The evaluation protocol (README, Evaluation): the template level with the engine's defaults and
 * leave-one-data-set-out, first-seen alerts, single-rule ablation and the macro level.
 */
export async function evaluate(datasets: readonly LabeledDataset[], embedder: Embedder, options: EvaluationOptions = {}): Promise<EvaluationResult> {
  const stage = options.onStage ?? (() => {});
  const rules = options.rules ?? DEFAULT_RULES;
  const ruleNames = rules.map((r) => r.name);
  const names = datasets.map((d) => d.name);
  const all = [...datasets.keys()];
  const folds = all.map((f) => all.filter((i) => i !== f));
  const { evidenceValues, fieldValues, rareValues, rareLines } = DEFAULT_MINER_OPTIONS;
  const minerDefaults: MinerSetting = { evidenceValues, fieldValues, rareValues, rareLines };
  const selection = new SelectionScores(datasets, rules);

  const grid = minerGrid();
  if (!grid.some((s) => minerSettingKey(s) === minerSettingKey(minerDefaults))) grid.push(minerDefaults);
  stage(`template layer grid: ${grid.length} settings × ${datasets.length} sets × 2 inputs`);
  const defaultScores = selection.perSet([], minerDefaults, all);
  const fieldValuesMatter = names.filter((_, i) =>
    FIELD_GRID.some((fieldValues) => selection.score([], { ...minerDefaults, fieldValues }, i) !== defaultScores[i]),
  );
  const full = (forms: Forms, i: number, s: MinerSetting | 'forms'): InputScores => {
    const out = { templates: { raw: 0, content: 0 } } as InputScores;
    for (const input of INPUTS) {
      const g = s === 'forms' ? groupByForms(forms[input]) : groupByTemplates(forms[input], s);
      out.templates[input] = g.templates;
      out[input] = scoreGroups(g.groups, datasets[i].eventIds);
    }
    return out;
  };

  /** The all-sets figure (mean GA raw, Content) with the engine defaults, without the rules `dropped`. */
  const meanGa = (dropped: readonly string[]) => {
    const rows = all.map((i) => full(selection.formsOf(dropped, i), i, minerDefaults));
    const avg = (input: Input) => rows.reduce((s, r) => s + r[input].groupingAccuracy, 0) / rows.length;
    return { raw: avg('raw'), content: avg('content') };
  };

  stage('single-rule ablation at the engine defaults');
  const ruleRows: RuleRow[] = ruleNames.map((rule) => {
    const w = selection.perSet([rule], minerDefaults, all);
    const effect = ruleEffect(defaultScores, w);
    return {
      rule,
      deltas: w.map((x, i) => x - defaultScores[i]),
      helps: names.filter((_, i) => effect[i] === 'helps'),
      hurts: names.filter((_, i) => effect[i] === 'hurts'),
    };
  });
  for (const r of ruleRows) if (r.helps.length + r.hurts.length > 0) r.allSetsWithout = meanGa([r.rule]);
  // Rules with no effect on any set (masks for formats Loghub lacks, or covered by another rule) have
  // nothing to measure: only the others are under test in the folds.
  const underTest = ruleRows.filter((r) => r.helps.length + r.hurts.length > 0).map((r) => r.rule);

  const choose = (training: number[]) => chooseBest(grid, (s) => selection.perSet([], s, all), training, preferMinerSetting);
  const drops = (s: MinerSetting, training: number[], label: string) => {
    stage(`rules for ${label} (evidence / field values ${minerSettingText(s)}); ${selection.ruleSets} rule sets tried so far`);
    return rulesToDrop(underTest, (dropped) => selection.perSet(dropped, s, training), training);
  };

  const templates: TemplateRow[] = [];
  const novelty: NoveltyRow[] = [];
  for (const [f, training] of folds.entries()) {
    const d = datasets[f];
    stage(`leave-one-out fold ${f + 1}/${datasets.length}: ${d.name} held out`);
    const { choice, mean } = choose(training);
    const dropped = drops(choice, training, `the fold without ${d.name}`);
    const forms0 = selection.formsOf([], f);
    const heldOut = selection.formsOf(dropped, f);
    templates.push({
      name: d.name,
      lines: d.raw.length,
      eventTypes: new Set(d.eventIds).size,
      baseline: full(forms0, f, 'forms'),
      allSets: full(forms0, f, minerDefaults),
      leaveOneOut: {
        ...full(heldOut, f, choice),
        setting: choice,
        droppedRules: dropped,
        trainingScore: mean,
        trainingScoreWithoutDropped: trainingMean(selection.perSet(dropped, choice, training), training),
      },
    });
    novelty.push({
      name: d.name,
      baseline: firstSeenAlerts(forms0.raw, d.eventIds, 'forms'),
      allSets: firstSeenAlerts(forms0.raw, d.eventIds, minerDefaults),
      leaveOneOut: firstSeenAlerts(heldOut.raw, d.eventIds, choice),
    });
  }
  const nine = choose(all);
  const nineDropped = drops(nine.choice, all, 'all nine sets');

  const oneSet = ruleRows.filter((r) => r.helps.length === 1).map((r) => r.rule);
  stage(`all sets without the ${oneSet.length} rules that help one set only`);
  const withoutOneSet = meanGa(oneSet);
  const macro = await macroLevel(datasets, (i) => selection.formsOf([], i), minerDefaults, embedder, folds, stage);
  return {
    datasets: names,
    minerDefaults,
    themeDefaults: { ...THEME_DEFAULTS },
    templates,
    novelty,
    rules: ruleRows,
    rulesUnderTest: underTest,
    fieldValuesMatter,
    allNine: { setting: nine.choice, droppedRules: nineDropped, trainingScore: nine.mean },
    oneSetRules: { rules: oneSet, withAll: meanGa([]), without: withoutOneSet },
    macro: macro.rows,
    macroAllNine: macro.allNine,
  };
}

/** The macro level on every set's raw lines: templates (default layer) embedded and clustered into themes. */
async function macroLevel(
  datasets: readonly LabeledDataset[],
  forms: (i: number) => Forms,
  miner: MinerSetting,
  embedder: Embedder,
  folds: number[][],
  stage: (message: string) => void,
): Promise<{ rows: MacroRow[]; allNine: { setting: ThemeSetting; programF1: number } }> {
  const grid = themeGrid();
  const gridKey = (s: ThemeSetting) => `${s.minClusterSize}/${s.minSamples}`;
  const perSet: Array<{ measures: Map<string, MacroMeasures>; byEvents: MacroMeasures; largest: MacroRow['largestClusters'] }> = [];
  for (const [i, d] of datasets.entries()) {
    stage(`macro level ${i + 1}/${datasets.length}: ${d.name} (embedding and clustering templates)`);
    const { table, groups } = groupByTemplates(forms(i).raw, miner);
    const patterns = [...table.all()];
    const index = new Map(patterns.map((p, t) => [String(p.key), t]));
    const templateOfLine = groups.map((g) => index.get(g)!);
    const counts = patterns.map((p) => p.count);
    const vectors = await embedder.embed(patterns.map((p) => embeddingText(p.canonical)));
    const flat = new Float32Array(patterns.length * embedder.dim);
    vectors.forEach((v, t) => flat.set(v, t * embedder.dim));
    const cluster = (opts: Parameters<typeof clusterPatterns>[3]) =>
      patterns.length < 2
        ? { labels: new Int32Array(patterns.length).fill(-1), nClusters: 0 }
        : clusterPatterns(flat, embedder.dim, counts, { seed: 42, ...opts });
    const measure = (labels: Int32Array) => macroMeasures(templateOfLine, labels, counts, d.eventIds, d.components);
    const measures = new Map(grid.map((s) => [gridKey(s), measure(cluster({ unit: 'templates', ...s }).labels)]));
    const def = cluster({});
    const largest = Array.from({ length: def.nClusters }, (_, c) => {
      const members = patterns.filter((_, t) => def.labels[t] === c);
      return { label: clusterLabel(members), templates: members.length, events: members.reduce((s, p) => s + p.count, 0) };
    })
      .sort((a, b) => b.events - a.events)
      .slice(0, 3);
    perSet.push({ measures, byEvents: measure(cluster({ unit: 'events' }).labels), largest });
    if (!measures.has(gridKey(THEME_DEFAULTS))) measures.set(gridKey(THEME_DEFAULTS), measure(def.labels));
  }
  const f1 = (s: ThemeSetting) => perSet.map((p) => p.measures.get(gridKey(s))!.programF1);
  const allNine = chooseBest(grid, f1, [...datasets.keys()], preferThemeSetting);
  const rows = datasets.map((d, i) => {
    const { choice } = chooseBest(grid, f1, folds[i], preferThemeSetting);
    return {
      name: d.name,
      allSets: perSet[i].measures.get(gridKey(THEME_DEFAULTS))!,
      byEvents: perSet[i].byEvents,
      leaveOneOut: { ...perSet[i].measures.get(gridKey(choice))!, setting: choice },
      largestClusters: perSet[i].largest,
    };
  });
  return { rows, allNine: { setting: allNine.choice, programF1: allNine.mean } };
}

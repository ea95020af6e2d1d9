import type { Canonicalizer } from '../canonical/types.js';
import type { PatternClusteringOptions } from '../cluster/cluster-patterns.js';
import type { Embedder } from '../embed/embedder.js';
import { groupLines } from './line-grouping.js';
import type { LabeledDataset } from './loghub-datasets.js';
import { adjustedRandScore, groupingAccuracy, normalizedMutualInfo } from './partition-metrics.js';

export interface Scores {
  groupingAccuracy: number;
  ari: number;
  nmi: number;
}

/** One input (raw lines or the Content column) of one data set, scored at both levels. */
export interface InputResult {
  patterns: number;
  clusters: number;
  /** Lines whose pattern is noise (HDBSCAN) or unclustered. */
  noiseLines: number;
  pattern: Scores;
  cluster: Scores;
}

export interface DatasetResult {
  name: string;
  lines: number;
  events: number;
  raw: InputResult;
  content: InputResult;
}

export interface EvaluationResult {
  datasets: DatasetResult[];
  mean: { raw: { pattern: Scores; cluster: Scores }; content: { pattern: Scores; cluster: Scores } };
}

export type EvaluationStage = { dataset: string; input: 'raw' | 'content'; index: number; total: number };

/** Runs the pipeline on every data set's raw lines and Content column and scores each line's group against its EventId. */
export async function evaluateDatasets(
  datasets: readonly LabeledDataset[],
  canonicalizer: Canonicalizer,
  embedder: Embedder,
  clusterOptions: PatternClusteringOptions = {},
  onStage?: (stage: EvaluationStage) => void,
): Promise<EvaluationResult> {
  const results: DatasetResult[] = [];
  let index = 0;
  const total = datasets.length * 2;
  for (const dataset of datasets) {
    const run = async (input: 'raw' | 'content'): Promise<InputResult> => {
      onStage?.({ dataset: dataset.name, input, index: index++, total });
      const g = await groupLines(dataset[input], canonicalizer, embedder, clusterOptions);
      let noiseLines = 0;
      for (const p of g.patterns.keys()) if (g.clustering.labels[p] < 0) noiseLines += g.patterns[p].count;
      return {
        patterns: g.patterns.length,
        clusters: g.clustering.nClusters,
        noiseLines,
        pattern: scores(g.patternGroups, dataset.eventIds),
        cluster: scores(g.clusterGroups, dataset.eventIds),
      };
    };
    const raw = await run('raw');
    const content = await run('content');
    results.push({ name: dataset.name, lines: dataset.raw.length, events: new Set(dataset.eventIds).size, raw, content });
  }
  const mean = (input: 'raw' | 'content', level: 'pattern' | 'cluster'): Scores => {
    const avg = (key: keyof Scores) => results.reduce((s, r) => s + r[input][level][key], 0) / results.length;
    return { groupingAccuracy: avg('groupingAccuracy'), ari: avg('ari'), nmi: avg('nmi') };
  };
  return {
    datasets: results,
    mean: {
      raw: { pattern: mean('raw', 'pattern'), cluster: mean('raw', 'cluster') },
      content: { pattern: mean('content', 'pattern'), cluster: mean('content', 'cluster') },
    },
  };
}

function scores(predicted: string[], truth: string[]): Scores {
  return {
    groupingAccuracy: groupingAccuracy(predicted, truth),
    ari: adjustedRandScore(predicted, truth),
    nmi: normalizedMutualInfo(predicted, truth),
  };
}

import type { CanonicalResult, Canonicalizer } from '../canonical/types.js';
import type { LogEvent } from '../events/event.js';
import { textLineEvent } from '../events/text.js';
import { PatternTable } from '../patterns/pattern-table.js';
import type { TemplateMinerOptions } from '../templates/template-miner.js';
import { adjustedRandScore, groupingAccuracy, normalizedMutualInfo } from './partition-metrics.js';

/** A labelled line as the engine reads it: the text event and its canonical form. */
export interface CanonicalLine {
  event: LogEvent;
  result: CanonicalResult;
}

export interface Scores {
  groupingAccuracy: number;
  ari: number;
  nmi: number;
}

/** Each line read as a text event and canonicalized, as ingest does. */
export function canonicalLines(lines: readonly string[], canonicalizer: Canonicalizer): CanonicalLine[] {
  return lines.map((line, i) => {
    const event = textLineEvent(line, i + 1, 'evaluate');
    return { event, result: canonicalizer.canonicalize(event.text) };
  });
}

/** Lines grouped by template: each line's group is the template it ended in. */
export interface TemplateGrouping {
  /** Per line, its template's key (templates merged later in the log resolve to the one they joined). */
  groups: string[];
  templates: number;
  table: PatternTable;
}

/** The template layer on the lines in order (a PatternTable with the given miner options). */
export function groupByTemplates(lines: readonly CanonicalLine[], miner: Partial<TemplateMinerOptions> = {}): TemplateGrouping {
  const table = new PatternTable({ miner });
  const keys = lines.map((l) => table.add(l.event, l.result, 0n).pattern.key);
  return { groups: keys.map((k) => String(table.getByKey(k)!.key)), templates: table.size, table };
}

/** The baseline without a template layer: each distinct canonical form is one group. */
export function groupByForms(lines: readonly CanonicalLine[]): { groups: string[]; templates: number } {
  const groups = lines.map((l) => l.result.canonical);
  return { groups, templates: new Set(groups).size };
}

export function scoreGroups(predicted: readonly string[], truth: readonly string[]): Scores {
  return {
    groupingAccuracy: groupingAccuracy(predicted, truth),
    ari: adjustedRandScore(predicted, truth),
    nmi: normalizedMutualInfo(predicted, truth),
  };
}

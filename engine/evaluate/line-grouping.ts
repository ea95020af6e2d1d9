import { embeddingText } from '../canonical/embedding-text.js';
import type { Canonicalizer } from '../canonical/types.js';
import { clusterPatterns, type PatternClustering, type PatternClusteringOptions } from '../cluster/cluster-patterns.js';
import type { Embedder } from '../embed/embedder.js';
import { textLineEvent } from '../events/text.js';
import type { Pattern } from '../patterns/pattern.js';
import { PatternTable, type PatternTableOptions } from '../patterns/pattern-table.js';

/** The group of every line at two levels, named by strings (each distinct string is one group). */
export interface LineGrouping {
  /** The line's template (its key). */
  patternGroups: string[];
  /** The line's cluster; a line of a noise (or unclustered) pattern is a group of its own. */
  clusterGroups: string[];
  patterns: Pattern[];
  clustering: PatternClustering;
}

/**
 * The engine's pipeline on a list of lines, as a user gets it: each line read as a text event,
 * canonicalized, counted under its pattern; each pattern's embedding text embedded; the patterns
 * clustered with their counts as weights (clusterPatterns, the given options over its defaults).
 */
export async function groupLines(
  lines: readonly string[],
  canonicalizer: Canonicalizer,
  embedder: Embedder,
  clusterOptions: PatternClusteringOptions = {},
  tableOptions: Partial<PatternTableOptions> = {},
): Promise<LineGrouping> {
  const table = new PatternTable(tableOptions);
  const keyOfLine: number[] = lines.map((line, i) => {
    const event = textLineEvent(line, i + 1, 'evaluate');
    return table.add(event, canonicalizer.canonicalize(event.text), 0n).pattern.key;
  });
  // Each line under the template it ended in (templates merged later in the log resolve to the one they joined).
  const patternOfLine: Pattern[] = keyOfLine.map((k) => table.getByKey(k)!);
  const patterns = [...table.all()];
  const vectors = await embedder.embed(patterns.map((p) => embeddingText(p.canonical)));
  const flat = new Float32Array(patterns.length * embedder.dim);
  vectors.forEach((v, i) => flat.set(v, i * embedder.dim));
  const clustering = clusterPatterns(flat, embedder.dim, patterns.map((p) => p.count), clusterOptions);
  const index = new Map(patterns.map((p, i) => [p, i]));
  const clusterGroups = patternOfLine.map((p, line) => {
    const label = clustering.labels[index.get(p)!];
    return label >= 0 ? `cluster ${label}` : `noise line ${line}`;
  });
  return { patternGroups: patternOfLine.map((p) => String(p.key)), clusterGroups, patterns, clustering };
}

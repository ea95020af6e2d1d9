/**
 * A short readable label for a cluster when no description from engine/cluster's `describeClusters`
 * is at hand: the canonical form of its most frequent pattern, shortened.
 */
export const LABEL_MAX_CHARS = 120;

export interface LabelledPattern {
  canonical: string;
  count: number;
}

export function clusterLabel(members: readonly LabelledPattern[]): string {
  let top: LabelledPattern | undefined;
  for (const p of members) if (top === undefined || p.count > top.count) top = p;
  if (top === undefined) return '';
  const text = top.canonical.replace(/\s+/g, ' ').trim();
  return text.length <= LABEL_MAX_CHARS ? text : `${text.slice(0, LABEL_MAX_CHARS - 1)}…`;
}

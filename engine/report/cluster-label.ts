/**
 * A short readable label for a cluster. Until engine/cluster's `describeClusters` is wired in, the label
 * is the canonical form of the cluster's most frequent pattern, shortened: what a reader would name
 * the cluster after at first sight. Kept behind this one function so the better labels replace it here.
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

import type { Pattern } from '../patterns/pattern.js';
import { clusterLabel, distinctLabels, LABEL_MAX_CHARS } from './cluster-label.js';
import type { PatternClustering } from './cluster-patterns.js';

export interface ClusterEntity {
  kind: string;
  value: string;
  /** Events of the cluster that named this value. */
  count: number;
}

/** What a person reads about one cluster. */
export interface ClusterDescription {
  /** The cluster's label in `PatternClustering.labels`. */
  id: number;
  /** A readable name built from the cluster's templates (see clusterLabel), distinct among the clusters. */
  label: string;
  /** Words every member pattern contains, in the representative's order (placeholders left out). */
  stableTokens: string[];
  /** Events in the cluster (sum of its patterns' counts). */
  size: number;
  /** Distinct patterns in the cluster. */
  patterns: number;
  /** Id of the pattern nearest the cluster's count-weighted centre (the most frequent one without vectors). */
  representativePatternId: string;
  /** The most frequent entity values (IPs, users, hosts, …): the top few of each kind, most frequent first. */
  topEntities: ClusterEntity[];
}

export interface DescribeClustersOptions {
  /** Pattern vectors, n × dim, in the order of `patterns`: pick the representative by meaning. */
  vectors?: Float32Array;
  dim?: number;
  /** Values kept per entity kind. Default 3. */
  entitiesPerKind?: number;
  /** Longest label, in characters. Default LABEL_MAX_CHARS. */
  maxLabelLength?: number;
}

const PLACEHOLDER = /^<[A-Z_]+>$/;

/**
 * One description per cluster (ids 0..nClusters − 1, in that order; noise is not a cluster), from the
 * patterns that were clustered (`patterns[i]` has label `clustering.labels[i]`).
 */
export function describeClusters(
  patterns: readonly Pattern[],
  clustering: Pick<PatternClustering, 'labels' | 'nClusters'>,
  options: DescribeClustersOptions = {},
): ClusterDescription[] {
  const { labels, nClusters } = clustering;
  if (labels.length !== patterns.length) throw new Error(`describeClusters: ${labels.length} labels for ${patterns.length} patterns`);
  const { vectors, dim } = options;
  if (vectors !== undefined && (dim === undefined || vectors.length !== patterns.length * dim)) {
    throw new Error(`describeClusters: vectors must be ${patterns.length} × dim values`);
  }
  const members: number[][] = Array.from({ length: nClusters }, () => []);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) members[labels[i]].push(i);
  const labelled: string[] = [];
  for (const rows of members) {
    labelled.push(shorten(clusterLabel(rows.map((i) => patterns[i])), options.maxLabelLength ?? LABEL_MAX_CHARS));
  }
  const names = distinctLabels(labelled);
  const out: ClusterDescription[] = [];
  for (const [id, rows] of members.entries()) {
    const representative = vectors !== undefined ? nearestToCentre(rows, patterns, vectors, dim!) : mostFrequent(rows, patterns);
    const rep = patterns[representative];
    out.push({
      id,
      label: names[id],
      stableTokens: stableTokens(
        rep,
        rows.map((i) => patterns[i]),
      ),
      size: rows.reduce((s, i) => s + patterns[i].count, 0),
      patterns: rows.length,
      representativePatternId: rep.id,
      topEntities: topEntities(
        rows.map((i) => patterns[i]),
        options.entitiesPerKind ?? 3,
      ),
    });
  }
  return out;
}

/** The member with the highest cosine to Σ count·vector: central, and pulled towards what is frequent. */
function nearestToCentre(rows: number[], patterns: readonly Pattern[], vectors: Float32Array, dim: number): number {
  const centre = new Float64Array(dim);
  for (const i of rows) {
    const w = patterns[i].count;
    for (let t = 0; t < dim; t++) centre[t] += w * vectors[i * dim + t];
  }
  let best = rows[0];
  let bestScore = -Infinity;
  for (const i of rows) {
    let dot = 0;
    let norm = 0;
    for (let t = 0; t < dim; t++) {
      dot += centre[t] * vectors[i * dim + t];
      norm += vectors[i * dim + t] ** 2;
    }
    const score = norm > 0 ? dot / Math.sqrt(norm) : -Infinity;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

function mostFrequent(rows: number[], patterns: readonly Pattern[]): number {
  return rows.reduce((best, i) => (patterns[i].count > patterns[best].count ? i : best), rows[0]);
}

function words(canonical: string): string[] {
  return canonical.split(/\s+/).filter((w) => w !== '' && !PLACEHOLDER.test(w));
}

function stableTokens(representative: Pattern, members: Pattern[]): string[] {
  const sets = members.map((p) => new Set(words(p.canonical)));
  const seen = new Set<string>();
  return words(representative.canonical).filter((w) => {
    if (seen.has(w)) return false;
    seen.add(w);
    return sets.every((s) => s.has(w));
  });
}

function topEntities(members: Pattern[], perKind: number): ClusterEntity[] {
  const byKind = new Map<string, Map<string, number>>();
  for (const p of members) {
    for (const [kind, values] of Object.entries(p.entities)) {
      let counts = byKind.get(kind);
      if (counts === undefined) byKind.set(kind, (counts = new Map()));
      for (const [value, count] of Object.entries(values)) counts.set(value, (counts.get(value) ?? 0) + count);
    }
  }
  const out: ClusterEntity[] = [];
  for (const [kind, counts] of byKind) {
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, perKind);
    for (const [value, count] of top) out.push({ kind, value, count });
  }
  return out.sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : 1));
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

import { DataFrame } from '@grafana/data';

import { SimilarResult } from '../datasource/types';

// Reading similar-event distances and ordering results (their Explore links: datasource/exploreLinks.ts).

/** Words for a cosine distance, on the engine's scale (0.55 = its outlier threshold, bench/threshold). */
export function closeness(distance: number): 'same meaning' | 'close' | 'related' | 'distant' {
  if (distance < 0.1) {
    return 'same meaning';
  }
  if (distance < 0.25) {
    return 'close';
  }
  if (distance < 0.55) {
    return 'related';
  }
  return 'distant';
}

/** Results nearest first, then by count; the engine already orders them, this guards mixed sources. */
export function sortResults(results: SimilarResult[]): SimilarResult[] {
  return [...results].sort((a, b) => a.distance - b.distance || b.count - a.count);
}

/** A result of the "similar" query's frame (pkg/plugin/frames.go SimilarFrame), with its stream selector. */
export type SimilarRow = SimilarResult & { selector?: string };

/** Reads the "similar" frame; undefined when the frame is not one (no pattern/distance fields). */
export function resultsFromFrame(frame: DataFrame | undefined): SimilarRow[] | undefined {
  const f = (name: string) => frame?.fields.find((fl) => fl.name === name);
  const pattern = f('pattern');
  const distance = f('distance');
  if (!frame || !pattern || !distance) {
    return undefined;
  }
  const str = (name: string, i: number) => {
    const v = f(name)?.values[i];
    return v === null || v === undefined ? '' : String(v);
  };
  const out: SimilarRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    out.push({
      pattern: String(pattern.values[i]),
      canonical: str('canonical', i),
      distance: Number(distance.values[i]),
      count: Number(f('count')?.values[i] ?? 0),
      example: str('example', i),
      cluster: str('cluster', i),
      clusterLabel: str('clusterLabel', i) || undefined,
      selector: str('labels', i) || undefined,
    });
  }
  return sortResults(out) as SimilarRow[];
}

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

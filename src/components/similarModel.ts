import { SimilarResult } from '../datasource/types';

// Reading similar-event distances and building the links each result carries.

/** Words for a cosine distance, on the engine's scale (0.475 = its outlier threshold). */
export function closeness(distance: number): 'same meaning' | 'close' | 'related' | 'distant' {
  if (distance < 0.1) {
    return 'same meaning';
  }
  if (distance < 0.25) {
    return 'close';
  }
  if (distance < 0.475) {
    return 'related';
  }
  return 'distant';
}

export function streamSelector(labels: Record<string, string> | undefined): string | undefined {
  if (!labels || Object.keys(labels).length === 0) {
    return undefined;
  }
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${parts.join(',')}}`;
}

/** Explore on the result's stream over the given range, or undefined without Loki or labels. */
export function exploreUrl(lokiUid: string | undefined, r: SimilarResult, range: { from: number; to: number }): string | undefined {
  const selector = streamSelector(r.labels);
  if (!lokiUid || !selector) {
    return undefined;
  }
  const pane = {
    datasource: lokiUid,
    queries: [{ refId: 'A', expr: selector, queryType: 'range', datasource: { type: 'loki', uid: lokiUid } }],
    range: { from: String(range.from), to: String(range.to) },
  };
  const q = new URLSearchParams({ schemaVersion: '1', panes: JSON.stringify({ la: pane }) });
  return `/explore?${q.toString()}`;
}

/** Results nearest first, then by count; the engine already orders them, this guards mixed sources. */
export function sortResults(results: SimilarResult[]): SimilarResult[] {
  return [...results].sort((a, b) => a.distance - b.distance || b.count - a.count);
}

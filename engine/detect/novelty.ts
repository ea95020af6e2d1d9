// The verdict on a pattern seen for the first time: flagged when far from every known pattern
// (distance, reusing the Detector's threshold), and, once a watch follows live logs, flagged as new
// even when near (novelty). Scores are in [0, 1]: 0.5 at the threshold, 1 at twice the threshold.
import { DEFAULT_THRESHOLD } from './detector.js';
import { distanceVerdict } from './distance-verdict.js';
import type { OutlierKind } from './outlier-kind.js';

export interface NoveltyInput {
  /** Cosine distance to the nearest earlier pattern; undefined when there was none. */
  distance: number | undefined;
  nearestCanonical: string | undefined;
  nearestCount: number | undefined;
  /** Patterns known before this one. */
  knownPatterns: number;
  /** True once the watch has caught up with live logs (a backfill builds the baseline instead). */
  live: boolean;
}

export interface NoveltyVerdict {
  kind: Extract<OutlierKind, 'distance' | 'novelty'>;
  score: number;
  reasons: string[];
}

/** Patterns a watch must know before "far from everything known" means anything. */
export const MIN_KNOWN_PATTERNS = 5;

export function judgeNewPattern(input: NoveltyInput, threshold = DEFAULT_THRESHOLD): NoveltyVerdict | undefined {
  const { distance } = input;
  const nearest = input.nearestCanonical === undefined ? undefined : { canonical: input.nearestCanonical, count: input.nearestCount ?? 0 };
  const verdict = distanceVerdict(nearest, distance, threshold);
  const distanceScore = distance === undefined ? 1 : Math.min(1, (0.5 * distance) / threshold);
  // Far from everything means something only once a few patterns are known.
  if (verdict.far && distance !== undefined && input.knownPatterns >= MIN_KNOWN_PATTERNS) {
    const reasons = [verdict.reason];
    if (input.live) reasons.push('first seen pattern');
    return { kind: 'distance', score: distanceScore, reasons };
  }
  if (input.live && input.knownPatterns > 0) {
    const close = verdict.far ? `a new kind of event: ${verdict.reason}` : verdict.reason;
    return { kind: 'novelty', score: Math.max(0.3, Math.min(0.5, distanceScore)), reasons: ['first seen pattern', close] };
  }
  return undefined;
}

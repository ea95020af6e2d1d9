// The verdict on a pattern seen for the first time: flagged when far from every known pattern
// (distance, reusing the Detector's threshold), and, once a watch follows live logs, flagged as new
// even when near (novelty). Scores are in [0, 1]: 0.5 at the threshold, 1 at twice the threshold.
import { DEFAULT_THRESHOLD } from './detector.js';

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
  kind: 'distance' | 'novelty';
  score: number;
  reasons: string[];
}

/** Patterns a watch must know before "far from everything known" means anything. */
export const MIN_KNOWN_PATTERNS = 5;

export function judgeNewPattern(input: NoveltyInput, threshold = DEFAULT_THRESHOLD): NoveltyVerdict | undefined {
  const { distance } = input;
  const near =
    distance === undefined
      ? 'nothing was known before it'
      : `nearest is "${input.nearestCanonical}" (seen ${input.nearestCount}×) at distance ${distance.toFixed(3)}`;
  const distanceScore = distance === undefined ? 1 : Math.min(1, (0.5 * distance) / threshold);
  const far = distance !== undefined && distance > threshold && input.knownPatterns >= MIN_KNOWN_PATTERNS;
  if (far) {
    const reasons = [`unlike anything known: ${near} > threshold ${threshold}`];
    if (input.live) reasons.push('first seen pattern');
    return { kind: 'distance', score: distanceScore, reasons };
  }
  if (input.live && input.knownPatterns > 0) {
    return { kind: 'novelty', score: Math.max(0.3, Math.min(0.5, distanceScore)), reasons: ['first seen pattern', `a new kind of event, close to a known one: ${near}`] };
  }
  return undefined;
}

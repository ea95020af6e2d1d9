// The one distance verdict: is a new kind of event far from everything known, and the sentence that
// says why. `detect`, the service's outliers and range jobs all judge with it, so the reason a user reads
// is the same wherever the outlier comes from.

/** The nearest known pattern of a new one: its text and how often it was seen. */
export interface NearestKnown {
  canonical: string;
  count: number;
}

export interface DistanceVerdict {
  /** Farther than the threshold from every known pattern, or nothing known at all. */
  far: boolean;
  reason: string;
}

export function nearestPhrase(nearest: NearestKnown, distance: number): string {
  return `nearest known pattern "${nearest.canonical}" (seen ${nearest.count}×) at distance ${distance.toFixed(3)}`;
}

export function distanceVerdict(nearest: NearestKnown | undefined, distance: number | undefined, threshold: number): DistanceVerdict {
  if (nearest === undefined || distance === undefined) return { far: true, reason: 'nothing is known to compare with' };
  const near = nearestPhrase(nearest, distance);
  return distance > threshold
    ? { far: true, reason: `unlike anything known: ${near} > threshold ${threshold}` }
    : { far: false, reason: `a new kind of event, close to a known one: ${near} ≤ threshold ${threshold}` };
}

import { distanceVerdict } from './distance-verdict.js';
import { embeddingText } from '../canonical/embedding-text.js';
import type { LogEvent } from '../events/event.js';
import type { Pattern } from '../patterns/pattern.js';
import { nearestPatterns, type QueryContext } from './similar.js';

/** The verdict on one incoming line. */
export interface Detection {
  event: LogEvent;
  canonical: string;
  /** The nearest known pattern, if the baseline has any. */
  nearest: Pattern | undefined;
  /** Cosine distance to it (0 when the line belongs to a known template). */
  distance: number;
  /** True when the line belongs to a known template (it may fill the template's parameters differently). */
  known: boolean;
  flagged: boolean;
  /** Why it was flagged (or, for unflagged new forms, why not), in words a person can read. */
  reasons: string[];
}

export interface DetectorOptions {
  /** Cosine distance above which a line is flagged. See the README for how the default was chosen. */
  threshold: number;
}

/**
 * Measured on loghub-2k (bench/threshold/evidence.mjs, README "Choosing the threshold"): the best
 * balance of detection and false alarms among thresholds that flag at most 5% of new wordings of known
 * events. The seed IDS used 0.5 (an L2 distance of 1.0 between unit vectors); the two differ little.
 */
export const DEFAULT_THRESHOLD = 0.55;

/**
 * Flags lines whose nearest known pattern is farther than a threshold. Lines arrive in batches so that
 * each distinct new canonical form is embedded once, in one model call per batch.
 */
export class Detector {
  constructor(
    private readonly ctx: QueryContext,
    readonly options: DetectorOptions = { threshold: DEFAULT_THRESHOLD },
  ) {
    if (!(options.threshold >= 0 && options.threshold <= 2)) {
      throw new RangeError(`threshold must be a cosine distance between 0 and 2, got ${options.threshold}`);
    }
  }

  async detect(events: LogEvent[]): Promise<Detection[]> {
    const results = events.map((e) => this.ctx.canonicalizer.canonicalize(e.text));
    const canonicals = results.map((r) => r.canonical);
    const templates = results.map((r) => this.ctx.patterns.get(r.canonical, r.entities));
    const unknown = [...new Set(canonicals.filter((c, i) => templates[i] === undefined))];
    const vectors = unknown.length > 0 ? await this.ctx.embedder.embed(unknown.map((c) => embeddingText(c))) : [];
    const nearestByCanonical = new Map<string, { pattern: Pattern | undefined; distance: number }>();
    unknown.forEach((c, i) => {
      const [best] = nearestPatterns(this.ctx, vectors[i], 1);
      nearestByCanonical.set(c, { pattern: best?.pattern, distance: best?.distance ?? Number.POSITIVE_INFINITY });
    });
    return events.map((event, i) => {
      const canonical = canonicals[i];
      const template = templates[i];
      if (template) return { event, canonical, nearest: template, distance: 0, known: true, flagged: false, reasons: [] };
      const { pattern, distance } = nearestByCanonical.get(canonical)!;
      return { event, canonical, nearest: pattern, distance, known: false, ...this.judge(pattern, distance) };
    });
  }

  private judge(nearest: Pattern | undefined, distance: number): { flagged: boolean; reasons: string[] } {
    const verdict = distanceVerdict(nearest, nearest === undefined ? undefined : distance, this.options.threshold);
    return { flagged: verdict.far, reasons: [verdict.reason] };
  }
}

import type { Entity } from '../canonical/types.js';
import type { TemplateState } from '../templates/template-miner.js';

/** A raw line kept as an example of its pattern, with where and when it was seen. */
export interface PatternExample {
  raw: string;
  timestampNs?: bigint;
  labels: Record<string, string>;
  origin: string;
  seq: number;
  /** For an exemplar: the user it is the example of. */
  user?: string;
}

/** Entity values seen with a pattern: kind → value → count, bounded per kind (see EntityTally). */
export type EntityCounts = Record<string, Record<string, number>>;

/**
 * One template: one kind of event (canonical forms that differ only in parameter values count as one).
 * `id` (a hash of the canonical form that made it) and `key` (the integer the vector index uses) stay
 * the same when the template is refined; `canonical` is the template's current text, with `<*>` where
 * a parameter was learned.
 */
export interface Pattern {
  id: string;
  key: number;
  canonical: string;
  count: number;
  /** Event time when known, else the time the pattern was counted (ns). */
  firstSeenNs: bigint;
  lastSeenNs: bigint;
  examples: PatternExample[];
  entities: EntityCounts;
  /** Values past the per-kind cap, counted but not named. */
  entitiesOther: Record<string, number>;
  /**
   * One example line per user the template has seen (the first of each, a bounded few): a template's
   * parameter hides which user a line was about, and a question about `root` wants a `root` line.
   */
  exemplars?: PatternExample[];
  /** What the template layer learned about this template (absent in stores written before it). */
  template?: TemplateState;
}

export type { Entity };

import type { Entity } from '../canonical/types.js';

/** A raw line kept as an example of its pattern, with where and when it was seen. */
export interface PatternExample {
  raw: string;
  timestampNs?: bigint;
  labels: Record<string, string>;
  origin: string;
  seq: number;
}

/** Entity values seen with a pattern: kind → value → count, bounded per kind (see EntityTally). */
export type EntityCounts = Record<string, Record<string, number>>;

/**
 * One distinct canonical form. `id` is stable across stores and machines (a hash of the canonical
 * text), `key` is the dense integer the vector index uses.
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
}

export type { Entity };

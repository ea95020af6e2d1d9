import type { LogEvent } from '../events/event.js';
import type { CanonicalResult } from '../canonical/types.js';
import type { Pattern, PatternExample } from './pattern.js';
import { patternId } from './pattern-id.js';
import { EntityTally } from './entity-tally.js';
import { reservoirSlot, SeededRandom } from './reservoir.js';

export interface PatternTableOptions {
  /** Raw examples kept per pattern. */
  examplesPerPattern: number;
  /** Distinct values kept per entity kind per pattern; more are counted in `entitiesOther`. */
  entityValuesPerKind: number;
}

export const DEFAULT_PATTERN_TABLE_OPTIONS: PatternTableOptions = {
  examplesPerPattern: 5,
  entityValuesPerKind: 50,
};

/** What `PatternTable.add` tells its caller. */
export interface AddResult {
  pattern: Pattern;
  /** True when this event created the pattern. */
  isNew: boolean;
}

/**
 * Distinct canonical forms with counts, first/last seen, examples and entity tallies. The hot path
 * (`add` of a known form) is one Map lookup and a few increments; hashing happens only for new forms.
 */
export class PatternTable {
  private readonly byCanonical = new Map<string, Pattern>();
  private readonly byKey = new Map<number, Pattern>();
  private readonly byId = new Map<string, Pattern>();
  private readonly dirty = new Set<Pattern>();
  private readonly rng = new SeededRandom();
  private readonly tallies = new WeakMap<Pattern, EntityTally>();
  /** The last clock reading in ms and in ns, so that lines without a time share one BigInt per ms. */
  private nowMs = -1;
  private nowNs = 0n;
  private nextKey = 1;
  readonly options: PatternTableOptions;

  constructor(options: Partial<PatternTableOptions> = {}, existing: Iterable<Pattern> = []) {
    this.options = { ...DEFAULT_PATTERN_TABLE_OPTIONS, ...options };
    for (const p of existing) this.insert(p);
  }

  get size(): number {
    return this.byCanonical.size;
  }

  /** Counts one event under its canonical form. `nowNs` stands in for a missing event time. */
  add(event: LogEvent, result: CanonicalResult, nowNs?: bigint): AddResult {
    const ts = event.timestampNs ?? nowNs ?? this.clockNs();
    let pattern = this.byCanonical.get(result.canonical);
    let isNew = false;
    if (pattern === undefined) {
      pattern = {
        id: patternId(result.canonical),
        key: this.nextKey,
        canonical: result.canonical,
        count: 0,
        firstSeenNs: ts,
        lastSeenNs: ts,
        examples: [],
        entities: {},
        entitiesOther: {},
      };
      this.insert(pattern);
      isNew = true;
    }
    const count = ++pattern.count;
    if (ts < pattern.firstSeenNs) pattern.firstSeenNs = ts;
    if (ts > pattern.lastSeenNs) pattern.lastSeenNs = ts;
    const slot = reservoirSlot(pattern.examples.length, count, this.options.examplesPerPattern, this.rng);
    if (slot >= 0) {
      pattern.examples[slot] = {
        raw: event.raw,
        timestampNs: event.timestampNs,
        labels: event.labels,
        origin: event.origin,
        seq: event.seq,
      };
    }
    const entities = result.entities;
    if (entities.length > 0) {
      const tally = this.tallies.get(pattern)!;
      const max = this.options.entityValuesPerKind;
      for (let i = 0; i < entities.length; i++) {
        const { kind, value } = entities[i];
        if (!tally.add(kind, value, max)) pattern.entitiesOther[kind] = (pattern.entitiesOther[kind] ?? 0) + 1;
      }
    }
    this.dirty.add(pattern);
    return { pattern, isNew };
  }

  /** Now in ns; one BigInt per millisecond rather than per line. */
  private clockNs(): bigint {
    const ms = Date.now();
    if (ms !== this.nowMs) {
      this.nowMs = ms;
      this.nowNs = BigInt(ms) * 1_000_000n;
    }
    return this.nowNs;
  }

  get(canonical: string): Pattern | undefined {
    return this.byCanonical.get(canonical);
  }

  getByKey(key: number): Pattern | undefined {
    return this.byKey.get(key);
  }

  getById(id: string): Pattern | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<Pattern> {
    return this.byCanonical.values();
  }

  /** Patterns changed since the last call, for incremental persistence. */
  takeDirty(): Pattern[] {
    const out = [...this.dirty];
    this.dirty.clear();
    return out;
  }

  private insert(p: Pattern): void {
    if (this.byCanonical.has(p.canonical)) throw new Error(`duplicate pattern ${p.id}: ${p.canonical}`);
    this.byCanonical.set(p.canonical, p);
    this.byKey.set(p.key, p);
    this.byId.set(p.id, p);
    if (p.key >= this.nextKey) this.nextKey = p.key + 1;
    // Entity counts live in an EntityTally; `entities` reads them as a plain object (see EntityTally).
    let tally = new EntityTally(p.entities);
    this.tallies.set(p, tally);
    Object.defineProperty(p, 'entities', {
      enumerable: true,
      configurable: true,
      get: () => tally.toRecord(),
      set: (counts: Pattern['entities']) => {
        tally = new EntityTally(counts);
        this.tallies.set(p, tally);
      },
    });
  }
}

import type { LogEvent } from '../events/event.js';
import type { CanonicalResult } from '../canonical/types.js';
import type { Pattern, PatternExample } from './pattern.js';
import { patternId } from './pattern-id.js';
import { offerToReservoir, SeededRandom } from './reservoir.js';

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
  private readonly entityValueCounts = new WeakMap<Pattern, Record<string, number>>();
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
    const ts = event.timestampNs ?? nowNs ?? BigInt(Date.now()) * 1_000_000n;
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
    pattern.count++;
    if (ts < pattern.firstSeenNs) pattern.firstSeenNs = ts;
    if (ts > pattern.lastSeenNs) pattern.lastSeenNs = ts;
    const example = (): PatternExample => ({
      raw: event.raw,
      timestampNs: event.timestampNs,
      labels: event.labels,
      origin: event.origin,
      seq: event.seq,
    });
    offerToReservoir(pattern.examples, example, pattern.count, this.options.examplesPerPattern, this.rng);
    for (const entity of result.entities) this.tallyEntity(pattern, entity.kind, entity.value);
    this.dirty.add(pattern);
    return { pattern, isNew };
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
  }

  private tallyEntity(pattern: Pattern, kind: string, value: string): void {
    const values = (pattern.entities[kind] ??= {});
    if (value in values) values[value]++;
    else if (this.distinctValues(pattern, kind, values) < this.options.entityValuesPerKind) {
      values[value] = 1;
      this.entityValueCounts.get(pattern)![kind]++;
    } else pattern.entitiesOther[kind] = (pattern.entitiesOther[kind] ?? 0) + 1;
  }

  /** How many values of a kind a pattern names, counted once and then kept (Object.keys per line is slow). */
  private distinctValues(pattern: Pattern, kind: string, values: Record<string, number>): number {
    let counts = this.entityValueCounts.get(pattern);
    if (counts === undefined) this.entityValueCounts.set(pattern, (counts = {}));
    return (counts[kind] ??= Object.keys(values).length);
  }
}

import type { LogEvent } from '../events/event.js';
import { UNPARSED_CANONICAL, unparsedResult, type CanonicalResult, type Entity } from '../canonical/types.js';
import { stateOfForm, TemplateMiner, type TemplateMinerOptions, type TemplateState } from '../templates/template-miner.js';
import type { Pattern } from './pattern.js';
import { patternId } from './pattern-id.js';
import { EntityTally } from './entity-tally.js';
import { reservoirSlot, SeededRandom } from './reservoir.js';

export interface PatternTableOptions {
  /** Raw examples kept per pattern. */
  examplesPerPattern: number;
  /** Distinct values kept per entity kind per pattern; more are counted in `entitiesOther`. */
  entityValuesPerKind: number;
  /** Users per pattern with an example line of their own (see Pattern.exemplars). */
  exemplarsPerPattern: number;
  /** How templates are learned (see TemplateMiner). */
  miner: Partial<TemplateMinerOptions>;
}

export const DEFAULT_PATTERN_TABLE_OPTIONS: PatternTableOptions = {
  examplesPerPattern: 5,
  entityValuesPerKind: 50,
  exemplarsPerPattern: 16,
  miner: {},
};

/** What `PatternTable.add` tells its caller. */
export interface AddResult {
  pattern: Pattern;
  /** True when this event created the pattern (a new kind of event, not a new spelling of a known one). */
  isNew: boolean;
  /** Why the line counts under UNPARSED_CANONICAL (canonicalizer or template layer), when it does. */
  failure?: string;
}

/** A pattern merged into another: `from` now counts as `into` (ids and keys resolve to it). */
export interface PatternMerge {
  from: { id: string; key: number };
  into: Pattern;
}

/**
 * The templates of the events counted so far ("patterns": one kind of event each) with counts,
 * first/last seen, examples and entity tallies. A TemplateMiner decides which template a canonical
 * form belongs to; the hot path (`add` of a form seen before) is one Map lookup and a few increments.
 *
 * Templates are refined as lines arrive (a value becomes a parameter: the pattern's `canonical`, its
 * template text, changes, its id and key do not) and, rarely, merged (a position turned out to be a
 * parameter, so two templates are one: the younger resolves to the older from then on, its counts added).
 * Callers that keep derived data (vectors, per-pattern rows) read `takeRefined` and `takeMerges`.
 */
export class PatternTable {
  private readonly miner: TemplateMiner;
  /**
   * Canonical forms already counted → their pattern and the words they fill its parameters with: the
   * hot path. Cleared when templates change (a merge or a refinement: rare, bounded per template).
   */
  private readonly byForm = new Map<string, { pattern: Pattern; params: Entity[] }>();
  private readonly byKey = new Map<number, Pattern>();
  private readonly byId = new Map<string, Pattern>();
  /** Ids and keys of merged patterns → the key they now count under. */
  private readonly aliasId = new Map<string, number>();
  private readonly aliasKey = new Map<number, number>();
  private readonly dirty = new Set<Pattern>();
  private readonly refined = new Set<Pattern>();
  private merges: PatternMerge[] = [];
  private readonly rng = new SeededRandom();
  private readonly tallies = new WeakMap<Pattern, EntityTally>();
  private readonly exemplarUsers = new WeakMap<Pattern, Set<string>>();
  /** The last clock reading in ms and in ns, so that lines without a time share one BigInt per ms. */
  private nowMs = -1;
  private nowNs = 0n;
  private changes = 0;
  readonly options: PatternTableOptions;

  constructor(
    options: Partial<PatternTableOptions> = {},
    existing: Iterable<Pattern> = [],
    aliases: Iterable<{ id: string; key: number; intoKey: number }> = [],
  ) {
    this.options = { ...DEFAULT_PATTERN_TABLE_OPTIONS, ...options };
    this.miner = new TemplateMiner(this.options.miner);
    this.miner.linesOf = (key) => this.getByKey(key)?.count ?? 0;
    for (const p of existing) {
      this.miner.restore(p.template ?? stateOfForm(p.key, p.canonical));
      this.insert(p);
    }
    for (const a of aliases) {
      this.aliasId.set(a.id, a.intoKey);
      this.aliasKey.set(a.key, a.intoKey);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Counts changes to the set of templates or their texts (made, refined, merged): what clusters read. */
  get generation(): number {
    return this.changes;
  }

  /** Counts one event under its template. `nowNs` stands in for a missing event time. */
  add(event: LogEvent, result: CanonicalResult, nowNs?: bigint): AddResult {
    const ts = event.timestampNs ?? nowNs ?? this.clockNs();
    let hit = this.byForm.get(result.canonical);
    let isNew = false;
    if (hit === undefined) {
      let learned: AddResult;
      let params: Array<{ kind: string; value: string }>;
      try {
        learned = this.learn(result, ts);
        params = this.miner.parameters(result.canonical, learned.pattern.key, keptValues(result.entities)).map((p) => ({ kind: p.name, value: p.value }));
      } catch (err) {
        // One form the template layer cannot take counts under the unparsed pattern; the batch goes on.
        if (result.canonical === UNPARSED_CANONICAL) throw err;
        return this.add(event, unparsedResult('template layer', err), nowNs);
      }
      isNew = learned.isNew;
      if (this.byForm.size >= this.miner.options.maxForms) this.byForm.clear();
      hit = { pattern: learned.pattern, params };
      this.byForm.set(result.canonical, hit);
    }
    const pattern = hit.pattern;
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
    if (entities.length > 0 || hit.params.length > 0) {
      const tally = this.tallies.get(pattern)!;
      const max = this.options.entityValuesPerKind;
      for (let i = 0; i < entities.length; i++) {
        const { kind, value } = entities[i];
        if (!tally.add(kind, value, max)) pattern.entitiesOther[kind] = (pattern.entitiesOther[kind] ?? 0) + 1;
        if (kind === 'user') this.noteExemplar(pattern, value, event);
      }
      // Words in the template's parameters count as entities too (named by their key), as masked values do.
      for (const { kind, value } of hit.params) {
        if (!tally.add(kind, value, max)) pattern.entitiesOther[kind] = (pattern.entitiesOther[kind] ?? 0) + 1;
      }
    }
    this.dirty.add(pattern);
    return result.failure === undefined ? { pattern, isNew } : { pattern, isNew, failure: result.failure };
  }

  /** A form not counted yet: the template it joins (or makes), with the changes that brings. */
  private learn(result: CanonicalResult, ts: bigint): AddResult {
    const known = this.miner.lookup(result.canonical);
    if (known !== undefined) return { pattern: this.byKey.get(known)!, isNew: false };
    const obs = this.miner.observe(result.canonical, keptValues(result.entities));
    let isNew = false;
    if (obs.created) {
      const template = this.miner.get(obs.key)!;
      this.insert({
        id: patternId(result.canonical),
        key: obs.key,
        canonical: template.text,
        count: 0,
        firstSeenNs: ts,
        lastSeenNs: ts,
        examples: [],
        entities: {},
        entitiesOther: {},
      });
      isNew = true;
      this.changes++;
    }
    for (const m of obs.merges) this.merge(m.from, m.into);
    for (const k of obs.refined) this.refresh(k);
    return { pattern: this.byKey.get(obs.key)!, isNew };
  }

  /**
   * The known pattern a canonical form belongs to, learning nothing: the one it was counted under, or
   * the one it would join as it is (it only fills parameters differently). `entities` are the form's
   * entities, as the canonicalizer gave them (kept values such as user names are parameters).
   */
  get(canonical: string, entities?: readonly Entity[]): Pattern | undefined {
    const key = this.miner.lookup(canonical) ?? this.miner.find(canonical, entities ? keptValues(entities) : undefined);
    return key === undefined ? undefined : this.byKey.get(key);
  }

  getByKey(key: number): Pattern | undefined {
    return this.byKey.get(key) ?? this.byKey.get(this.resolveKey(key));
  }

  getById(id: string): Pattern | undefined {
    const p = this.byId.get(id);
    if (p) return p;
    const key = this.aliasId.get(id);
    return key === undefined ? undefined : this.byKey.get(this.resolveKey(key));
  }

  /** The live key a key stands for (itself, or the pattern it was merged into). */
  resolveKey(key: number): number {
    let k = key;
    for (let hops = 0; hops < 64; hops++) {
      const next = this.aliasKey.get(k);
      if (next === undefined) return k;
      k = next;
    }
    return k;
  }

  all(): IterableIterator<Pattern> {
    return this.byKey.values();
  }

  /** What the template layer learned about a pattern's template (its tokens: constants and parameters). */
  templateState(p: Pattern): TemplateState {
    return this.miner.exportState(p.key);
  }

  /** Patterns changed since the last call, for incremental persistence (with their template state). */
  takeDirty(): Pattern[] {
    const out = [...this.dirty];
    this.dirty.clear();
    for (const p of out) p.template = this.miner.exportState(p.key);
    return out;
  }

  /** Patterns whose template text changed since the last call: their vectors are stale. */
  takeRefined(): Pattern[] {
    const out = [...this.refined].filter((p) => this.byKey.get(p.key) === p);
    this.refined.clear();
    return out;
  }

  /** Patterns merged since the last call, oldest first. */
  takeMerges(): PatternMerge[] {
    const out = this.merges;
    this.merges = [];
    return out;
  }

  /** The first line of each user, while the pattern has room for more. */
  private noteExemplar(pattern: Pattern, user: string, event: LogEvent): void {
    const exemplars = (pattern.exemplars ??= []);
    if (exemplars.length >= this.options.exemplarsPerPattern) return;
    let users = this.exemplarUsers.get(pattern);
    if (!users) this.exemplarUsers.set(pattern, (users = new Set(exemplars.map((e) => e.user ?? ''))));
    if (users.has(user)) return;
    users.add(user);
    exemplars.push({ raw: event.raw, timestampNs: event.timestampNs, labels: event.labels, origin: event.origin, seq: event.seq, user });
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

  /** A template's text changed: the pattern shows it. */
  private refresh(key: number): void {
    const p = this.byKey.get(key);
    const t = this.miner.get(key);
    if (!p || !t || t.key !== key || p.canonical === t.text) return;
    p.canonical = t.text;
    this.changes++;
    this.byForm.clear();
    this.dirty.add(p);
    this.refined.add(p);
  }

  /** `fromKey`'s counts, examples and entities move to `intoKey`; its id and key resolve there. */
  private merge(fromKey: number, intoKey: number): void {
    const from = this.byKey.get(fromKey);
    const into = this.byKey.get(intoKey);
    if (!from || !into || from === into) return;
    into.count += from.count;
    if (from.firstSeenNs < into.firstSeenNs) into.firstSeenNs = from.firstSeenNs;
    if (from.lastSeenNs > into.lastSeenNs) into.lastSeenNs = from.lastSeenNs;
    // Examples: the two reservoirs side by side, cut to size (both are uniform samples of their lines).
    const max = this.options.examplesPerPattern;
    while (into.examples.length < max && from.examples.length > 0) into.examples.push(from.examples.shift()!);
    const tally = this.tallies.get(into)!;
    const values = this.options.entityValuesPerKind;
    for (const [kind, counts] of Object.entries(from.entities)) {
      for (const [value, n] of Object.entries(counts)) {
        for (let i = 0; i < n; i++) if (!tally.add(kind, value, values)) into.entitiesOther[kind] = (into.entitiesOther[kind] ?? 0) + 1;
      }
    }
    for (const [kind, n] of Object.entries(from.entitiesOther)) into.entitiesOther[kind] = (into.entitiesOther[kind] ?? 0) + n;
    for (const e of from.exemplars ?? []) {
      if (e.user !== undefined) {
        this.noteExemplar(into, e.user, { raw: e.raw, text: e.raw, timestampNs: e.timestampNs, labels: e.labels, metadata: {}, origin: e.origin, seq: e.seq });
      }
    }
    this.byKey.delete(from.key);
    this.byId.delete(from.id);
    this.dirty.delete(from);
    this.refined.delete(from);
    this.aliasId.set(from.id, into.key);
    this.aliasKey.set(from.key, into.key);
    this.dirty.add(into);
    this.merges.push({ from: { id: from.id, key: from.key }, into });
    this.byForm.clear();
    this.changes++;
  }

  private insert(p: Pattern): void {
    if (this.byKey.has(p.key)) throw new Error(`duplicate pattern key ${p.key}: ${p.canonical}`);
    this.byKey.set(p.key, p);
    this.byId.set(p.id, p);
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

/** Values the canonicalizer kept in the text but recorded as entities (user names): parameters. */
function keptValues(entities: readonly Entity[]): ReadonlySet<string> | undefined {
  let out: Set<string> | undefined;
  for (const e of entities) {
    if (e.kind !== 'user') continue;
    (out ??= new Set()).add(e.value);
  }
  return out;
}

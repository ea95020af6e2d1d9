// Entity aggregation: one value (an IP, a user) seen across many hosts or users within a window, the
// shape of a brute force or a scan. One alert per value per window.
export interface EntitySpreadOptions {
  windowMinutes: number;
  /** Kinds whose values are watched (an IP, a user). */
  kinds: string[];
  /** Distinct values of another kind (host, user) that make a spread. */
  minDistinct: Record<string, number>;
}

export const DEFAULT_ENTITY_SPREAD_OPTIONS: EntitySpreadOptions = {
  windowMinutes: 10,
  kinds: ['ip'],
  minDistinct: { host: 3, user: 5 },
};

export interface Spread {
  kind: string;
  value: string;
  /** Per other kind, the distinct values seen with it in the window. */
  across: Record<string, number>;
  events: number;
}

export class EntitySpreadDetector {
  // kind:value → other kind → other value → last time seen
  private readonly seen = new Map<string, { events: number[]; others: Map<string, Map<string, number>> }>();
  private readonly lastAlertMs = new Map<string, number>();

  constructor(readonly options: EntitySpreadOptions = DEFAULT_ENTITY_SPREAD_OPTIONS) {}

  watches(kind: string): boolean {
    return this.options.kinds.includes(kind);
  }

  /** Records that `kind:value` appeared with these other entities at a time; answers a spread once per window. */
  observe(kind: string, value: string, with_: Array<{ kind: string; value: string }>, timeMs: number): Spread | undefined {
    const key = `${kind}\u0000${value}`;
    let s = this.seen.get(key);
    if (!s) this.seen.set(key, (s = { events: [], others: new Map() }));
    const windowMs = this.options.windowMinutes * 60_000;
    s.events.push(timeMs);
    while (s.events.length > 0 && s.events[0] < timeMs - windowMs) s.events.shift();
    for (const o of with_) {
      if (!(o.kind in this.options.minDistinct) || (o.kind === kind && o.value === value)) continue;
      let values = s.others.get(o.kind);
      if (!values) s.others.set(o.kind, (values = new Map()));
      values.set(o.value, timeMs);
    }
    const across: Record<string, number> = {};
    let spread = false;
    for (const [otherKind, values] of s.others) {
      for (const [v, t] of values) if (t < timeMs - windowMs) values.delete(v);
      across[otherKind] = values.size;
      if (values.size >= this.options.minDistinct[otherKind]) spread = true;
    }
    if (!spread) return undefined;
    const last = this.lastAlertMs.get(key);
    if (last !== undefined && timeMs - last < windowMs) return undefined;
    this.lastAlertMs.set(key, timeMs);
    return { kind, value, across, events: s.events.length };
  }

  /** Forgets values with no event in the window before `newestMs`, and alerts older than it. */
  prune(newestMs: number): void {
    const from = newestMs - this.options.windowMinutes * 60_000;
    for (const [key, s] of this.seen) if (s.events.length === 0 || s.events[s.events.length - 1] < from) this.seen.delete(key);
    for (const [key, ms] of this.lastAlertMs) if (ms < from) this.lastAlertMs.delete(key);
  }

  state(): EntitySpreadState {
    return {
      seen: [...this.seen].map(([key, s]) => [key, [...s.events], [...s.others].map(([kind, values]) => [kind, [...values]])]),
      lastAlertMs: [...this.lastAlertMs],
    };
  }

  restore(state: EntitySpreadState): void {
    this.seen.clear();
    for (const [key, events, others] of state.seen) {
      this.seen.set(key, { events: [...events], others: new Map(others.map(([kind, values]) => [kind, new Map(values)])) });
    }
    this.lastAlertMs.clear();
    for (const [key, ms] of state.lastAlertMs) this.lastAlertMs.set(key, ms);
  }
}

/** What an EntitySpreadDetector holds, as JSON. */
export interface EntitySpreadState {
  seen: Array<[key: string, events: number[], others: Array<[kind: string, values: Array<[value: string, lastMs: number]>]>]>;
  lastAlertMs: Array<[key: string, ms: number]>;
}

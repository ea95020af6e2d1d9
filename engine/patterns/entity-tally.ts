import type { EntityCounts } from './pattern.js';

/**
 * A copy of `value` that does not keep the string it was sliced from alive. An entity value is usually a
 * slice of its line, which V8 may hold as a view of the whole line (or of the read chunk the line was
 * cut from); a kept value must not pin that. Only new values are copied, at most a bounded few per kind.
 */
function detached(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * Counts of entity values for one pattern, bounded per kind. Kept in Maps because counting runs for
 * every entity of every line: a keyed access to a plain object with a freshly sliced string key costs
 * about three times a Map lookup (V8 has to internalize the key first). `toRecord` gives the plain
 * `kind → value → count` object the rest of the engine reads, rebuilt only after a change.
 */
export class EntityTally {
  private readonly byKind = new Map<string, Map<string, number>>();
  private record: EntityCounts | undefined;

  constructor(initial: EntityCounts = {}) {
    for (const kind of Object.keys(initial)) {
      const values = new Map<string, number>();
      for (const value of Object.keys(initial[kind])) values.set(value, initial[kind][value]);
      this.byKind.set(kind, values);
    }
  }

  /**
   * Counts one value. Returns false, counting nothing, when the value is new and its kind already names
   * `maxValuesPerKind` values (the caller counts it as "other").
   */
  add(kind: string, value: string, maxValuesPerKind: number): boolean {
    let values = this.byKind.get(kind);
    if (values === undefined) this.byKind.set(kind, (values = new Map()));
    const count = values.get(value);
    if (count !== undefined) values.set(value, count + 1);
    else if (values.size < maxValuesPerKind) values.set(detached(value), 1);
    else return false;
    this.record = undefined;
    return true;
  }

  /** The counts as a plain object, in first-seen order (cached until the next change). */
  toRecord(): EntityCounts {
    if (this.record === undefined) {
      const record: EntityCounts = {};
      for (const [kind, values] of this.byKind) record[kind] = Object.fromEntries(values);
      this.record = record;
    }
    return this.record;
  }
}

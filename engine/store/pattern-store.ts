import type { Pattern, PatternExample } from '../patterns/pattern.js';
import type { PatternMerge } from '../patterns/pattern-table.js';
import type { TemplateState } from '../templates/template-miner.js';
import type { SqliteDatabase } from './database.js';

interface PatternRow {
  id: string;
  key: bigint;
  canonical: string;
  count: bigint;
  first_seen_ns: bigint;
  last_seen_ns: bigint;
  examples: string;
  entities: string;
  entities_other: string;
  template: string | null;
  exemplars: string | null;
}

interface StoredExample extends Omit<PatternExample, 'timestampNs'> {
  timestampNs?: string;
}

/** An id and key that resolve to another pattern (it was merged into that one). */
export interface PatternAlias {
  id: string;
  key: number;
  intoKey: number;
}

/**
 * Patterns in SQLite: written in one transaction per batch of changed patterns, read whole at open.
 * A merged pattern's row is replaced by an alias, in the same transaction as the pattern it joined.
 */
export class PatternStore {
  private readonly upsert;
  private readonly alias;
  private readonly remove;

  constructor(private readonly db: SqliteDatabase) {
    this.upsert = db.prepare(`
      INSERT INTO patterns (id, key, canonical, count, first_seen_ns, last_seen_ns, examples, entities, entities_other, template, exemplars)
      VALUES (@id, @key, @canonical, @count, @first_seen_ns, @last_seen_ns, @examples, @entities, @entities_other, @template, @exemplars)
      ON CONFLICT(id) DO UPDATE SET
        canonical = excluded.canonical, count = excluded.count, first_seen_ns = excluded.first_seen_ns,
        last_seen_ns = excluded.last_seen_ns, examples = excluded.examples, entities = excluded.entities,
        entities_other = excluded.entities_other, template = excluded.template, exemplars = excluded.exemplars`);
    this.alias = db.prepare('INSERT OR REPLACE INTO pattern_aliases (id, key, into_key) VALUES (?, ?, ?)');
    this.remove = db.prepare('DELETE FROM patterns WHERE id = ?');
  }

  /**
   * Writes the given patterns (new or changed) and replaces merged ones by aliases. Callers batch: one
   * call is one transaction (nested inside the caller's, when there is one).
   */
  save(patterns: Pattern[], merges: readonly PatternMerge[] = []): void {
    if (patterns.length === 0 && merges.length === 0) return;
    this.db.transaction(() => {
      for (const m of merges) {
        this.remove.run(m.from.id);
        this.alias.run(m.from.id, m.from.key, m.into.key);
        // Aliases that pointed at the merged pattern point at the one it joined.
        this.db.prepare('UPDATE pattern_aliases SET into_key = ? WHERE into_key = ?').run(m.into.key, m.from.key);
      }
      for (const p of patterns) this.upsert.run(toRow(p));
    })();
  }

  loadAliases(): PatternAlias[] {
    const rows = this.db.prepare('SELECT id, key, into_key FROM pattern_aliases').all() as Array<{ id: string; key: number; into_key: number }>;
    return rows.map((r) => ({ id: r.id, key: r.key, intoKey: r.into_key }));
  }

  loadAll(): Pattern[] {
    const rows = this.db.prepare('SELECT * FROM patterns ORDER BY key').safeIntegers(true).all() as PatternRow[];
    return rows.map(fromRow);
  }

  count(): number {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM patterns').get() as { n: number }).n);
  }
}

function toRow(p: Pattern): Record<string, unknown> {
  const examples: StoredExample[] = p.examples.map(storedExample);
  return {
    id: p.id,
    key: p.key,
    canonical: p.canonical,
    count: p.count,
    first_seen_ns: p.firstSeenNs,
    last_seen_ns: p.lastSeenNs,
    examples: JSON.stringify(examples),
    entities: JSON.stringify(p.entities),
    entities_other: JSON.stringify(p.entitiesOther),
    template: p.template === undefined ? null : JSON.stringify(p.template),
    exemplars: p.exemplars === undefined ? null : JSON.stringify(p.exemplars.map(storedExample)),
  };
}

function fromRow(r: PatternRow): Pattern {
  const examples = (JSON.parse(r.examples) as StoredExample[]).map(loadedExample);
  return {
    id: r.id,
    key: Number(r.key),
    canonical: r.canonical,
    count: Number(r.count),
    firstSeenNs: r.first_seen_ns,
    lastSeenNs: r.last_seen_ns,
    examples,
    entities: JSON.parse(r.entities),
    entitiesOther: JSON.parse(r.entities_other),
    ...(r.template === null ? {} : { template: JSON.parse(r.template) as TemplateState }),
    ...(r.exemplars === null ? {} : { exemplars: (JSON.parse(r.exemplars) as StoredExample[]).map(loadedExample) }),
  };
}

function storedExample(e: PatternExample): StoredExample {
  return { ...e, timestampNs: e.timestampNs?.toString() };
}

function loadedExample(e: StoredExample): PatternExample {
  return { ...e, timestampNs: e.timestampNs === undefined ? undefined : BigInt(e.timestampNs) };
}

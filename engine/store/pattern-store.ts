import type { Pattern, PatternExample } from '../patterns/pattern.js';
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
}

interface StoredExample extends Omit<PatternExample, 'timestampNs'> {
  timestampNs?: string;
}

/** Patterns in SQLite: written in one transaction per batch of changed patterns, read whole at open. */
export class PatternStore {
  private readonly upsert;

  constructor(private readonly db: SqliteDatabase) {
    this.upsert = db.prepare(`
      INSERT INTO patterns (id, key, canonical, count, first_seen_ns, last_seen_ns, examples, entities, entities_other)
      VALUES (@id, @key, @canonical, @count, @first_seen_ns, @last_seen_ns, @examples, @entities, @entities_other)
      ON CONFLICT(id) DO UPDATE SET
        count = excluded.count, first_seen_ns = excluded.first_seen_ns, last_seen_ns = excluded.last_seen_ns,
        examples = excluded.examples, entities = excluded.entities, entities_other = excluded.entities_other`);
  }

  /** Writes the given patterns (new or changed). Callers batch: one call is one transaction. */
  save(patterns: Pattern[]): void {
    if (patterns.length === 0) return;
    this.db.transaction(() => {
      for (const p of patterns) this.upsert.run(toRow(p));
    })();
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
  const examples: StoredExample[] = p.examples.map((e) => ({ ...e, timestampNs: e.timestampNs?.toString() }));
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
  };
}

function fromRow(r: PatternRow): Pattern {
  const examples = (JSON.parse(r.examples) as StoredExample[]).map(
    (e): PatternExample => ({ ...e, timestampNs: e.timestampNs === undefined ? undefined : BigInt(e.timestampNs) }),
  );
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
  };
}

// Event counts at coarser widths than the 10 s buckets: 5 min, 1 h and 1 day copies of the `buckets`
// table (pattern, stream, count), added to in the same transaction as the 10 s rows and moved with them
// when templates merge. A day of volumes at a 5 min step reads the 5 min rows (and, at 1 h, the hourly
// ones) instead of 8,640 fine buckets per pattern and stream; the 10 s rows still answer the edges of a
// range that does not start or end on a coarse boundary, so answers are the same at every level.
import type { SqliteDatabase } from './database.js';

/** Width of the finest count bucket (table `buckets`). Volumes at a finer step are answered at this granularity. */
export const BUCKET_MS = 10_000;

/** The coarser levels, coarsest first (tables of migration 4). */
export const COARSE_LEVELS: ReadonlyArray<{ table: string; ms: number }> = [
  { table: 'buckets_1d', ms: 86_400_000 },
  { table: 'buckets_1h', ms: 3_600_000 },
  { table: 'buckets_5m', ms: 300_000 },
];

/** A range of bucket starts [fromMs, toMs) read from one table. */
export interface BucketSpan {
  table: string;
  fromMs: number;
  toMs: number;
}

/**
 * The spans that together hold every 10 s bucket starting in [fromMs, toMs) exactly once, each from the
 * coarsest table whose width divides `stepMs` (so a coarse row never straddles two steps of the answer).
 * `fromMs` is expected on a 10 s boundary.
 */
export function bucketSpans(fromMs: number, toMs: number, stepMs: number): BucketSpan[] {
  return spans(
    fromMs,
    toMs,
    COARSE_LEVELS.filter((l) => stepMs % l.ms === 0),
  );
}

function spans(fromMs: number, toMs: number, levels: ReadonlyArray<{ table: string; ms: number }>): BucketSpan[] {
  if (toMs <= fromMs) return [];
  if (levels.length === 0) return [{ table: 'buckets', fromMs, toMs }];
  const [level, ...finer] = levels;
  const a = Math.ceil(fromMs / level.ms) * level.ms;
  const b = Math.floor(toMs / level.ms) * level.ms;
  if (a >= b) return spans(fromMs, toMs, finer);
  return [...spans(fromMs, a, finer), { table: level.table, fromMs: a, toMs: b }, ...spans(b, toMs, finer)];
}

/** SQL selecting (bucket_ms, pattern_key, stream_id, count) over the spans; parameters @span0from, @span0to, … */
export function spansSql(spans: BucketSpan[]): { sql: string; params: Record<string, number> } {
  const params: Record<string, number> = {};
  const parts = spans.map((s, i) => {
    params[`span${i}from`] = s.fromMs;
    params[`span${i}to`] = s.toMs;
    return `SELECT bucket_ms, pattern_key, stream_id, count FROM ${s.table} WHERE bucket_ms >= @span${i}from AND bucket_ms < @span${i}to`;
  });
  // An empty range still needs a well-formed (empty) select.
  return { sql: parts.length > 0 ? parts.join(' UNION ALL ') : 'SELECT bucket_ms, pattern_key, stream_id, count FROM buckets WHERE 0', params };
}

/** Writes to the coarse tables; called inside the transactions that write the 10 s rows. */
export class CoarseBuckets {
  private readonly add_;
  private readonly move;
  private readonly drop;

  constructor(db: SqliteDatabase) {
    const upsert = (table: string) =>
      db.prepare(
        `INSERT INTO ${table} (bucket_ms, pattern_key, stream_id, count) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      );
    this.add_ = COARSE_LEVELS.map((l) => ({ ms: l.ms, stmt: upsert(l.table) }));
    this.move = COARSE_LEVELS.map((l) =>
      db.prepare(
        `INSERT INTO ${l.table} (bucket_ms, pattern_key, stream_id, count) SELECT bucket_ms, @into, stream_id, count FROM ${l.table}
         WHERE pattern_key = @from ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      ),
    );
    this.drop = COARSE_LEVELS.map((l) => db.prepare(`DELETE FROM ${l.table} WHERE pattern_key = @from`));
  }

  /** Adds `count` events of a 10 s bucket to the coarse bucket holding it at every level. */
  add(bucketMs: number, patternKey: number, streamId: number, count: number): void {
    for (const { ms, stmt } of this.add_) stmt.run(Math.floor(bucketMs / ms) * ms, patternKey, streamId, count);
  }

  /** A template merged into another: its coarse counts join the other's, as its 10 s counts do. */
  movePattern(fromKey: number, intoKey: number): void {
    const keys = { from: fromKey, into: intoKey };
    this.move.forEach((stmt, i) => {
      stmt.run(keys);
      this.drop[i].run(keys);
    });
  }
}

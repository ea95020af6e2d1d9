// What the service keeps per watch, next to the watch's baseline (patterns, vectors) in the same SQLite
// file: the Loki cursor, event counts per 10 s bucket per pattern and stream, entity tallies, outliers,
// clusters and feedback. One ingest batch is one transaction (patterns, counts, outliers and cursor
// together), so a kill at any moment leaves counts and cursor in step: no gap, no double count.
import type { OutlierKind } from '../detect/outlier-kind.js';
import type { Baseline } from './baseline.js';
import { ClusterSeries, type ClusterSums, type SeriesSnapshot } from './cluster-series.js';
import { BUCKET_MS, bucketSpans, CoarseBuckets, spansSql } from './coarse-buckets.js';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

export { BUCKET_MS };

export interface WatchCursor {
  /** Everything before this timestamp has been counted. */
  cursorNs: bigint;
  /** Hashes of the entries at exactly `cursorNs` already counted (a later read skips them). */
  seen: string[];
  events: number;
  lastEventNs: bigint | null;
}

export interface BucketIncrement {
  bucketMs: number;
  patternKey: number;
  streamId: number;
  count: number;
}

export interface EntityIncrement {
  bucketMs: number;
  kind: string;
  value: string;
  patternKey: number;
  count: number;
}

export interface EntityLinkIncrement {
  kind: string;
  value: string;
  otherKind: string;
  otherValue: string;
  timeMs: number;
  count: number;
}

export interface OutlierRecord {
  id?: number;
  timeMs: number;
  tsNs: string;
  kind: OutlierKind;
  score: number;
  reasons: string[];
  line: string;
  labels: Record<string, string>;
  patternId: string | null;
  nearestPatternId: string | null;
  nearestCanonical: string | null;
  distance: number | null;
  cluster: string | null;
  rule: string | null;
}

/** Everything one ingest batch changes, written at once. */
export interface IngestCommit {
  buckets: BucketIncrement[];
  entities: EntityIncrement[];
  links: EntityLinkIncrement[];
  outliers: OutlierRecord[];
  cursor: WatchCursor;
  /** The detectors' windows after this batch (JSON), saved with the cursor so a restart goes on with them. */
  detectors?: unknown;
}

export interface PatternPlacement {
  patternKey: number;
  cluster: number;
  x: number;
  y: number;
}

export interface ClusterRecord {
  id: number;
  label: string;
  /** Events. */
  size: number;
  patterns: number;
  topEntities: Array<{ kind: string; value: string; count: number }>;
}

export interface FeedbackRecord {
  id: string;
  kind: 'normal_cluster' | 'suppress_pattern';
  target: string;
  note: string | null;
  createdMs: number;
  /** The patterns the feedback applies to, fixed when it was given (cluster ids change on reclustering). */
  patternIds: string[];
}

/** Per-watch results: the narrow surface the service needs (a server database could implement it too). */
export interface WatchResults {
  readCursor(): WatchCursor | undefined;
  /** The detectors' windows saved with the cursor by the last commit, if any. */
  readDetectors(): unknown;
  commitIngest(commit: IngestCommit): void;
  streamId(labels: string): number;
  streams(): Array<{ id: number; labels: string }>;
  replaceClusters(placements: PatternPlacement[], clusters: ClusterRecord[]): void;
  placements(): Map<number, PatternPlacement>;
  clusters(): ClusterRecord[];
  clusterCount(): number;
  volumes(fromMs: number, toMs: number, stepMs: number, streamIds?: number[]): Array<{ t: number; cluster: number; count: number }>;
  eventCounts(fromMs: number, toMs: number, stepMs: number): Array<{ t: number; count: number }>;
  newPatternCounts(fromMs: number, toMs: number, stepMs: number): Array<{ t: number; count: number }>;
  patternCounts(fromMs: number, toMs: number): Map<number, number>;
  patternStepCounts(fromMs: number, toMs: number, stepMs: number): Array<{ t: number; patternKey: number; count: number }>;
  outlierCounts(fromMs: number, toMs: number, stepMs: number, excludePatternIds?: string[]): Array<{ t: number; count: number }>;
  outliers(fromMs: number, toMs: number, limit: number, before?: { timeMs: number; id: number }): OutlierRecord[];
  outlierTotal(): number;
  entityTotals(kind: string, value: string, sinceMs: number): number;
  addFeedback(f: FeedbackRecord): void;
  deleteFeedback(id: string): boolean;
  feedback(): FeedbackRecord[];
}

interface OutlierRow {
  id: number;
  time_ms: number;
  ts_ns: string;
  kind: OutlierKind;
  score: number;
  reasons: string;
  line: string;
  labels: string;
  pattern_id: string | null;
  nearest_pattern_id: string | null;
  nearest_canonical: string | null;
  distance: number | null;
  cluster: string | null;
  rule: string | null;
}

/** Versions a store may use before the next store's base: far more writes than a store makes while open. */
const VERSION_SPAN = 1e9;
let storesOpened = 0;
const nextVersionBase = () => ++storesOpened * VERSION_SPAN;

export class SqliteWatchStore implements WatchResults {
  private readonly db: SqliteDatabase;
  private readonly streamIds = new Map<string, number>();
  private readonly statements = new Map<string, Statement>();
  private readonly stmt;
  private readonly coarse: CoarseBuckets;
  private readonly series: ClusterSeries;
  /**
   * Bumped by every write that changes what a read answers (for caches of answers). Each store opened in
   * the process starts from its own base (see VERSION_SPAN): a watch restarted with a new query opens its
   * store again, and a cached answer or an HTTP tag of the store before must not match the one after.
   */
  version = nextVersionBase();
  /** Bumped when the cluster records change (a clustering written), not by ingest: the cluster list's key. */
  clustersVersion = this.version;
  /** Bumped when feedback changes (given, undone, or its templates merged): the feedback list's key. */
  feedbackVersion = this.version;
  /**
   * Small answers every stats or alert read wants (cluster list, feedback), kept until what they are read
   * from changes: those reads then do no SQL, however often ingest commits.
   */
  private readonly remembered = new Map<string, { version: number; value: unknown }>();
  /** Outliers stored: counted once at open, then by each commit (nothing deletes outliers). */
  private outliersStored: number;

  constructor(private readonly baseline: Baseline) {
    this.db = baseline.database;
    const db = this.db;
    this.coarse = new CoarseBuckets(db);
    this.series = new ClusterSeries(db);
    this.stmt = {
      cursor: db.prepare('SELECT cursor_ns, seen, events, last_event_ns FROM watch_cursor WHERE id = 1').safeIntegers(true),
      setCursor: db.prepare(
        `INSERT INTO watch_cursor (id, cursor_ns, seen, events, last_event_ns) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET cursor_ns = excluded.cursor_ns, seen = excluded.seen, events = excluded.events,
         last_event_ns = excluded.last_event_ns`,
      ),
      bucket: db.prepare(
        `INSERT INTO buckets (bucket_ms, pattern_key, stream_id, count) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      ),
      entity: db.prepare(
        `INSERT INTO entity_buckets (bucket_ms, kind, value, pattern_key, count) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      ),
      link: db.prepare(
        `INSERT INTO entity_links (kind, value, other_kind, other_value, first_ms, last_ms, count) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET last_ms = max(last_ms, excluded.last_ms), first_ms = min(first_ms, excluded.first_ms),
         count = count + excluded.count`,
      ),
      outlier: db.prepare(
        `INSERT INTO outliers (time_ms, ts_ns, kind, score, reasons, line, labels, pattern_id, nearest_pattern_id,
         nearest_canonical, distance, cluster, rule) VALUES (@timeMs, @tsNs, @kind, @score, @reasons, @line, @labels,
         @patternId, @nearestPatternId, @nearestCanonical, @distance, @cluster, @rule)`,
      ),
      streamSelect: db.prepare('SELECT id FROM streams WHERE labels = ?'),
      detectors: db.prepare("SELECT value FROM settings WHERE key = 'detector_windows'"),
      setDetectors: db.prepare("INSERT INTO settings (key, value) VALUES ('detector_windows', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
      streamInsert: db.prepare('INSERT INTO streams (labels) VALUES (?)'),
    };
    this.outliersStored = (db.prepare('SELECT COUNT(*) AS n FROM outliers').get() as { n: number }).n;
  }

  private remember<T>(name: string, version: number, compute: () => T): T {
    const hit = this.remembered.get(name);
    if (hit && hit.version === version) return hit.value as T;
    const value = compute();
    this.remembered.set(name, { version, value });
    return value;
  }

  readCursor(): WatchCursor | undefined {
    const row = this.stmt.cursor.get() as { cursor_ns: bigint; seen: string; events: bigint; last_event_ns: bigint | null } | undefined;
    if (!row) return undefined;
    return { cursorNs: row.cursor_ns, seen: JSON.parse(row.seen) as string[], events: Number(row.events), lastEventNs: row.last_event_ns };
  }

  readDetectors(): unknown {
    const row = this.stmt.detectors.get() as { value: string } | undefined;
    return row === undefined ? undefined : JSON.parse(row.value);
  }

  /** Patterns changed in memory since the last commit are written in the same transaction. */
  commitIngest(c: IngestCommit): void {
    const patterns = this.baseline.patterns;
    const merges: Array<{ from: number; into: number }> = [];
    const added: Array<{ bucketMs: number; key: number; count: number }> = [];
    this.db.transaction(() => {
      for (const m of this.baseline.savePatterns()) {
        this.movePatternRows(m.from, m.into);
        merges.push({ from: m.from.key, into: m.into.key });
      }
      // Keys and ids of this batch may name templates merged while it was counted: they count as the
      // template they joined.
      for (const b of c.buckets) {
        const key = patterns.resolveKey(b.patternKey);
        this.stmt.bucket.run(b.bucketMs, key, b.streamId, b.count);
        this.coarse.add(b.bucketMs, key, b.streamId, b.count);
        added.push({ bucketMs: b.bucketMs, key, count: b.count });
      }
      for (const e of c.entities) this.stmt.entity.run(e.bucketMs, e.kind, e.value, patterns.resolveKey(e.patternKey), e.count);
      for (const l of c.links) this.stmt.link.run(l.kind, l.value, l.otherKind, l.otherValue, l.timeMs, l.timeMs, l.count);
      for (const o of c.outliers) {
        const resolve = (id: string | null) => (id === null ? null : (patterns.getById(id)?.id ?? id));
        this.stmt.outlier.run(outlierParams({ ...o, patternId: resolve(o.patternId), nearestPatternId: resolve(o.nearestPatternId) }));
      }
      this.stmt.setCursor.run(c.cursor.cursorNs, JSON.stringify(c.cursor.seen), c.cursor.events, c.cursor.lastEventNs);
      if (c.detectors !== undefined) this.stmt.setDetectors.run(JSON.stringify(c.detectors));
    })();
    this.outliersStored += c.outliers.length;
    if (merges.length > 0) this.feedbackVersion++; // feedback names the templates merged ones joined
    // Counts per cluster follow once written.
    for (const m of merges) this.series.merged(m.from, m.into);
    for (const a of added) this.series.add(a.bucketMs, a.key, a.count);
    this.version++;
  }

  /**
   * A template merged into another: its counts per bucket and per entity join the other's, its outliers
   * and feedback name the other, its place on the map goes (the next clustering places the other).
   */
  private movePatternRows(from: { id: string; key: number }, into: { id: string; key: number }): void {
    const keys = { from: from.key, into: into.key };
    this.db
      .prepare(
        `INSERT INTO buckets (bucket_ms, pattern_key, stream_id, count) SELECT bucket_ms, @into, stream_id, count FROM buckets
         WHERE pattern_key = @from ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      )
      .run(keys);
    this.db.prepare('DELETE FROM buckets WHERE pattern_key = @from').run(keys);
    this.coarse.movePattern(from.key, into.key);
    this.db
      .prepare(
        `INSERT INTO entity_buckets (bucket_ms, kind, value, pattern_key, count) SELECT bucket_ms, kind, value, @into, count
         FROM entity_buckets WHERE pattern_key = @from ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      )
      .run(keys);
    this.db.prepare('DELETE FROM entity_buckets WHERE pattern_key = @from').run(keys);
    this.db.prepare('DELETE FROM pattern_clusters WHERE pattern_key = @from').run(keys);
    const ids = { from: from.id, into: into.id };
    this.db.prepare('UPDATE outliers SET pattern_id = @into WHERE pattern_id = @from').run(ids);
    this.db.prepare('UPDATE outliers SET nearest_pattern_id = @into WHERE nearest_pattern_id = @from').run(ids);
    this.db
      .prepare(`UPDATE feedback SET pattern_ids = replace(pattern_ids, '"' || @from || '"', '"' || @into || '"') WHERE pattern_ids LIKE '%' || @from || '%'`)
      .run(ids);
  }

  /** The id of a stream's label set (canonical text), created on first sight. */
  streamId(labels: string): number {
    let id = this.streamIds.get(labels);
    if (id !== undefined) return id;
    const row = this.stmt.streamSelect.get(labels) as { id: number } | undefined;
    id = row ? row.id : Number(this.stmt.streamInsert.run(labels).lastInsertRowid);
    this.streamIds.set(labels, id);
    return id;
  }

  streams(): Array<{ id: number; labels: string }> {
    return this.db.prepare('SELECT id, labels FROM streams').all() as Array<{ id: number; labels: string }>;
  }

  replaceClusters(placements: PatternPlacement[], clusters: ClusterRecord[]): void {
    writeClusters(this.db, placements, clusters);
    this.series.invalidate();
    this.version++;
    this.clustersVersion++;
  }

  /**
   * A clustering another connection wrote (writeClusters) while nothing was committed here, with the
   * sums per cluster it read right after (seriesSnapshot): the in-memory series take them instead of
   * reading SQL again on this thread.
   */
  installClusters(placements: Iterable<PatternPlacement>, series: SeriesSnapshot): void {
    const clusterOf = new Map<number, number>();
    for (const p of placements) clusterOf.set(p.patternKey, p.cluster);
    this.series.install(series, clusterOf);
    this.version++;
    this.clustersVersion++;
  }

  placements(): Map<number, PatternPlacement> {
    const rows = this.db.prepare('SELECT pattern_key, cluster, x, y FROM pattern_clusters').all() as Array<{
      pattern_key: number;
      cluster: number;
      x: number;
      y: number;
    }>;
    return new Map(rows.map((r) => [r.pattern_key, { patternKey: r.pattern_key, cluster: r.cluster, x: r.x, y: r.y }]));
  }

  /** Largest first. Shared between callers until the next write: do not change it. */
  clusters(): ClusterRecord[] {
    return this.remember('clusters', this.clustersVersion, () => this.readClusters());
  }

  private readClusters(): ClusterRecord[] {
    const rows = this.db.prepare('SELECT * FROM clusters ORDER BY size DESC').all() as Array<{
      id: number;
      label: string;
      size: number;
      patterns: number;
      top_entities: string;
    }>;
    return rows.map((r) => ({ id: r.id, label: r.label, size: r.size, patterns: r.patterns, topEntities: JSON.parse(r.top_entities) }));
  }

  /** Events per (step start, cluster). */
  volumes(fromMs: number, toMs: number, stepMs: number, streamIds?: number[]): Array<{ t: number; cluster: number; count: number }> {
    const { firstMs, sums } = this.volumePoints(fromMs, toMs, stepMs, streamIds, (totals) => totals.keys());
    const rows: Array<{ t: number; cluster: number; count: number }> = [];
    for (const [cluster, points] of sums.picked) points.forEach((count, i) => count > 0 && rows.push({ t: firstMs + i * stepMs, cluster, count }));
    return rows;
  }

  /**
   * Events per cluster at each step start from floor(fromMs / stepMs) × stepMs on (as arrays, no row
   * per point), an array each for the clusters `pick` chooses from every cluster's total and the rest
   * added up: the recent past comes from memory (cluster-series.ts) unless only some streams are asked for.
   */
  volumePoints(
    fromMs: number,
    toMs: number,
    stepMs: number,
    streamIds: number[] | undefined,
    pick: (totals: Map<number, number>) => Iterable<number>,
  ): { firstMs: number; sums: ClusterSums } {
    const firstMs = Math.floor(fromMs / stepMs) * stepMs;
    if (!streamIds) {
      const older = (a: number, b: number, step: number) => this.storedPatternVolumes(a, b, step);
      return { firstMs, sums: this.series.sums(alignDown(fromMs), toMs, stepMs, firstMs, older, pick) };
    }
    const n = Math.max(0, Math.ceil((toMs - firstMs) / stepMs));
    const byCluster = new Map<number, Float64Array>();
    const totals = new Map<number, number>();
    for (const r of this.storedVolumes(fromMs, toMs, stepMs, streamIds)) {
      const i = (r.t - firstMs) / stepMs;
      if (i < 0 || i >= n) continue;
      let points = byCluster.get(r.cluster);
      if (!points) byCluster.set(r.cluster, (points = new Float64Array(n)));
      points[i] += r.count;
      totals.set(r.cluster, (totals.get(r.cluster) ?? 0) + r.count);
    }
    const picked = new Map<number, Float64Array>();
    for (const c of pick(totals)) if (byCluster.has(c)) picked.set(c, byCluster.get(c)!);
    const rest = new Float64Array(n);
    for (const [c, points] of byCluster) if (!picked.has(c)) for (let i = 0; i < n; i++) rest[i] += points[i];
    return { firstMs, sums: { picked, rest, totals } };
  }

  /** Events per (step, pattern) of the stored buckets in [fromMs, toMs). */
  private storedPatternVolumes(fromMs: number, toMs: number, stepMs: number): Array<{ t: number; patternKey: number; count: number }> {
    const spans = spansSql(bucketSpans(alignDown(fromMs), toMs, stepMs));
    return this.prepared(
      `SELECT (bucket_ms / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS t, pattern_key AS patternKey, SUM(count) AS count
       FROM (${spans.sql}) GROUP BY 1, 2`,
    ).all({ step: stepMs, ...spans.params }) as Array<{ t: number; patternKey: number; count: number }>;
  }

  /** A statement compiled once per text (reads ask the same few shapes of query again and again). */
  private prepared(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size >= 64) this.statements.clear();
      this.statements.set(sql, (stmt = this.db.prepare(sql)));
    }
    return stmt;
  }

  private storedVolumes(fromMs: number, toMs: number, stepMs: number, streamIds?: number[]): Array<{ t: number; cluster: number; count: number }> {
    const streamFilter = streamIds ? `WHERE b.stream_id IN (${streamIds.map(Number).join(',') || 'NULL'})` : '';
    const spans = spansSql(bucketSpans(alignDown(fromMs), toMs, stepMs));
    return this.prepared(
      `SELECT (b.bucket_ms / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS t, COALESCE(pc.cluster, -1) AS cluster, SUM(b.count) AS count
         FROM (${spans.sql}) b LEFT JOIN pattern_clusters pc ON pc.pattern_key = b.pattern_key
         ${streamFilter}
         GROUP BY 1, 2`,
    ).all({ step: stepMs, ...spans.params }) as Array<{ t: number; cluster: number; count: number }>;
  }

  eventCounts(fromMs: number, toMs: number, stepMs: number): Array<{ t: number; count: number }> {
    const { firstMs, sums } = this.volumePoints(fromMs, toMs, stepMs, undefined, () => []);
    const out: Array<{ t: number; count: number }> = [];
    sums.rest.forEach((count, i) => count > 0 && out.push({ t: firstMs + i * stepMs, count }));
    return out;
  }

  newPatternCounts(fromMs: number, toMs: number, stepMs: number): Array<{ t: number; count: number }> {
    return this.db
      .prepare(
        `SELECT ((first_seen_ns / 1000000) / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS t, COUNT(*) AS count FROM patterns
         WHERE first_seen_ns >= @from * 1000000 AND first_seen_ns < @to * 1000000 GROUP BY t`,
      )
      .all({ step: stepMs, from: fromMs, to: toMs }) as Array<{ t: number; count: number }>;
  }

  /** Events per pattern (key) in the buckets that start in [from, to). */
  patternCounts(fromMs: number, toMs: number): Map<number, number> {
    // No step: any coarse level fits where the range is aligned to it (a day's step admits them all).
    const spans = spansSql(bucketSpans(alignDown(fromMs), toMs, 86_400_000));
    const rows = this.db.prepare(`SELECT pattern_key AS k, SUM(count) AS n FROM (${spans.sql}) GROUP BY pattern_key`).all(spans.params) as Array<{
      k: number;
      n: number;
    }>;
    return new Map(rows.map((r) => [r.k, r.n]));
  }

  /** Events per step per pattern (steps aligned to multiples of the step; no zero rows). */
  patternStepCounts(fromMs: number, toMs: number, stepMs: number): Array<{ t: number; patternKey: number; count: number }> {
    const spans = spansSql(bucketSpans(alignDown(fromMs), toMs, stepMs));
    return this.db
      .prepare(
        `SELECT (bucket_ms / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS t, pattern_key AS patternKey, SUM(count) AS count
         FROM (${spans.sql}) GROUP BY 1, 2`,
      )
      .all({ step: stepMs, ...spans.params }) as Array<{ t: number; patternKey: number; count: number }>;
  }

  /** Outliers per step, leaving out those of the given (suppressed) patterns. */
  outlierCounts(fromMs: number, toMs: number, stepMs: number, excludePatternIds: string[] = []): Array<{ t: number; count: number }> {
    return this.db
      .prepare(
        `SELECT (time_ms / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS t, COUNT(*) AS count FROM outliers
         WHERE time_ms >= @from AND time_ms < @to
         AND (pattern_id IS NULL OR pattern_id NOT IN (SELECT value FROM json_each(@exclude))) GROUP BY t`,
      )
      .all({ step: stepMs, from: fromMs, to: toMs, exclude: JSON.stringify(excludePatternIds) }) as Array<{ t: number; count: number }>;
  }

  /** Newest first; `before` (the last outlier of the page before) pages further back. */
  outliers(fromMs: number, toMs: number, limit: number, before?: { timeMs: number; id: number }): OutlierRecord[] {
    const rows = (
      before
        ? this.db
            .prepare(
              `SELECT * FROM outliers WHERE time_ms >= ? AND time_ms < ? AND (time_ms < ? OR (time_ms = ? AND id < ?))
               ORDER BY time_ms DESC, id DESC LIMIT ?`,
            )
            .all(fromMs, toMs, before.timeMs, before.timeMs, before.id, limit)
        : this.db.prepare('SELECT * FROM outliers WHERE time_ms >= ? AND time_ms < ? ORDER BY time_ms DESC, id DESC LIMIT ?').all(fromMs, toMs, limit)
    ) as OutlierRow[];
    return rows.map(outlierFromRow);
  }

  outlierTotal(): number {
    return this.outliersStored;
  }

  entityTotals(kind: string, value: string, sinceMs: number): number {
    const row = this.db
      .prepare('SELECT COALESCE(SUM(count), 0) AS n FROM entity_buckets WHERE kind = ? AND value = ? AND bucket_ms >= ?')
      .get(kind, value, alignDown(sinceMs)) as { n: number };
    return row.n;
  }

  addFeedback(f: FeedbackRecord): void {
    this.db
      .prepare('INSERT INTO feedback (id, kind, target, note, created_ms, pattern_ids) VALUES (?, ?, ?, ?, ?, ?)')
      .run(f.id, f.kind, f.target, f.note, f.createdMs, JSON.stringify(f.patternIds));
    this.version++;
    this.feedbackVersion++;
  }

  /** Removes one feedback (its effect goes with it: feedback is applied when results are read). */
  deleteFeedback(id: string): boolean {
    const removed = this.db.prepare('DELETE FROM feedback WHERE id = ?').run(id).changes > 0;
    if (removed) {
      this.version++;
      this.feedbackVersion++;
    }
    return removed;
  }

  clusterCount(): number {
    return this.clusters().length;
  }

  /** Oldest first. Shared between callers until the next write: do not change it. */
  feedback(): FeedbackRecord[] {
    return this.remember('feedback', this.feedbackVersion, () => this.readFeedback());
  }

  private readFeedback(): FeedbackRecord[] {
    const rows = this.db.prepare('SELECT * FROM feedback ORDER BY created_ms').all() as Array<{
      id: string;
      kind: FeedbackRecord['kind'];
      target: string;
      note: string | null;
      created_ms: number;
      pattern_ids: string;
    }>;
    return rows.map((r) => ({ id: r.id, kind: r.kind, target: r.target, note: r.note, createdMs: r.created_ms, patternIds: JSON.parse(r.pattern_ids) }));
  }
}

export function bucketOf(timeMs: number): number {
  return Math.floor(timeMs / BUCKET_MS) * BUCKET_MS;
}

function alignDown(ms: number): number {
  return bucketOf(ms);
}

/** Replaces the stored clustering (every placement and cluster record) in one transaction. */
export function writeClusters(db: SqliteDatabase, placements: Iterable<PatternPlacement>, clusters: ClusterRecord[]): void {
  const place = db.prepare('INSERT INTO pattern_clusters (pattern_key, cluster, x, y) VALUES (?, ?, ?, ?)');
  const cluster = db.prepare('INSERT INTO clusters (id, label, size, patterns, top_entities) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.exec('DELETE FROM pattern_clusters; DELETE FROM clusters;');
    for (const p of placements) place.run(p.patternKey, p.cluster, p.x, p.y);
    for (const c of clusters) cluster.run(c.id, c.label, c.size, c.patterns, JSON.stringify(c.topEntities));
  })();
}

function outlierParams(o: OutlierRecord): Record<string, unknown> {
  return {
    timeMs: o.timeMs,
    tsNs: o.tsNs,
    kind: o.kind,
    score: o.score,
    reasons: JSON.stringify(o.reasons),
    line: o.line,
    labels: JSON.stringify(o.labels),
    patternId: o.patternId,
    nearestPatternId: o.nearestPatternId,
    nearestCanonical: o.nearestCanonical,
    distance: o.distance,
    cluster: o.cluster,
    rule: o.rule,
  };
}

function outlierFromRow(r: OutlierRow): OutlierRecord {
  return {
    id: r.id,
    timeMs: r.time_ms,
    tsNs: r.ts_ns,
    kind: r.kind,
    score: r.score,
    reasons: JSON.parse(r.reasons) as string[],
    line: r.line,
    labels: JSON.parse(r.labels) as Record<string, string>,
    patternId: r.pattern_id,
    nearestPatternId: r.nearest_pattern_id,
    nearestCanonical: r.nearest_canonical,
    distance: r.distance,
    cluster: r.cluster,
    rule: r.rule,
  };
}

/**
 * Schema versions, applied in order; a store records how many it has (PRAGMA user_version).
 * Never edit a released entry: append a new one.
 */
export const MIGRATIONS: string[] = [
  // 1: the baseline: settings, patterns, and the embedding cache.
  `
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE patterns (
    id              TEXT PRIMARY KEY,
    key             INTEGER NOT NULL UNIQUE,
    canonical       TEXT NOT NULL UNIQUE,
    count           INTEGER NOT NULL,
    first_seen_ns   INTEGER NOT NULL,
    last_seen_ns    INTEGER NOT NULL,
    examples        TEXT NOT NULL,
    entities        TEXT NOT NULL,
    entities_other  TEXT NOT NULL
  );
  CREATE TABLE vectors (
    model     TEXT NOT NULL,
    dtype     TEXT NOT NULL,
    text_hash BLOB NOT NULL,
    text      TEXT NOT NULL,
    vector    BLOB NOT NULL,
    PRIMARY KEY (model, dtype, text_hash)
  ) WITHOUT ROWID;
  `,
  // 2: the service: per-watch cursor, time buckets, streams, entity tallies, outliers, clusters, feedback,
  // and the registry of tenants and watches (service.db). Every database gets every table; each file
  // uses the ones its role needs.
  `
  CREATE INDEX patterns_first_seen ON patterns(first_seen_ns);
  CREATE TABLE watch_cursor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    cursor_ns     INTEGER NOT NULL,
    seen          TEXT NOT NULL,
    events        INTEGER NOT NULL,
    last_event_ns INTEGER
  );
  CREATE TABLE streams (
    id     INTEGER PRIMARY KEY,
    labels TEXT NOT NULL UNIQUE
  );
  CREATE TABLE buckets (
    bucket_ms   INTEGER NOT NULL,
    pattern_key INTEGER NOT NULL,
    stream_id   INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (bucket_ms, pattern_key, stream_id)
  ) WITHOUT ROWID;
  CREATE TABLE entity_buckets (
    bucket_ms   INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    pattern_key INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (bucket_ms, kind, value, pattern_key)
  ) WITHOUT ROWID;
  CREATE TABLE entity_links (
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    other_kind  TEXT NOT NULL,
    other_value TEXT NOT NULL,
    first_ms    INTEGER NOT NULL,
    last_ms     INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (kind, value, other_kind, other_value)
  ) WITHOUT ROWID;
  CREATE TABLE outliers (
    id                 INTEGER PRIMARY KEY,
    time_ms            INTEGER NOT NULL,
    ts_ns              TEXT NOT NULL,
    kind               TEXT NOT NULL,
    score              REAL NOT NULL,
    reasons            TEXT NOT NULL,
    line               TEXT NOT NULL,
    labels             TEXT NOT NULL,
    pattern_id         TEXT,
    nearest_pattern_id TEXT,
    nearest_canonical  TEXT,
    distance           REAL,
    cluster            TEXT,
    rule               TEXT
  );
  CREATE INDEX outliers_time ON outliers(time_ms);
  CREATE TABLE pattern_clusters (
    pattern_key INTEGER PRIMARY KEY,
    cluster     INTEGER NOT NULL,
    x           REAL NOT NULL,
    y           REAL NOT NULL
  );
  CREATE TABLE clusters (
    id           INTEGER PRIMARY KEY,
    label        TEXT NOT NULL,
    size         INTEGER NOT NULL,
    patterns     INTEGER NOT NULL,
    top_entities TEXT NOT NULL
  );
  CREATE TABLE feedback (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    note        TEXT,
    created_ms  INTEGER NOT NULL,
    pattern_ids TEXT NOT NULL
  );
  CREATE TABLE tenants (
    name       TEXT PRIMARY KEY,
    created_ms INTEGER NOT NULL
  );
  CREATE TABLE watches (
    tenant           TEXT NOT NULL REFERENCES tenants(name),
    name             TEXT NOT NULL,
    selector         TEXT NOT NULL,
    backfill_from_ms INTEGER,
    created_ms       INTEGER NOT NULL,
    PRIMARY KEY (tenant, name)
  );
  `,
  // 3: templates. A pattern is a learned template now: its text changes when it is refined, so the
  // canonical text is no longer unique (rebuilt without that constraint); what the template layer
  // learned is kept beside it; a pattern merged into another leaves an alias (its id and key resolve).
  `
  CREATE TABLE patterns_v3 (
    id              TEXT PRIMARY KEY,
    key             INTEGER NOT NULL UNIQUE,
    canonical       TEXT NOT NULL,
    count           INTEGER NOT NULL,
    first_seen_ns   INTEGER NOT NULL,
    last_seen_ns    INTEGER NOT NULL,
    examples        TEXT NOT NULL,
    entities        TEXT NOT NULL,
    entities_other  TEXT NOT NULL,
    template        TEXT,
    exemplars       TEXT
  );
  INSERT INTO patterns_v3 (id, key, canonical, count, first_seen_ns, last_seen_ns, examples, entities, entities_other)
    SELECT id, key, canonical, count, first_seen_ns, last_seen_ns, examples, entities, entities_other FROM patterns;
  DROP TABLE patterns;
  ALTER TABLE patterns_v3 RENAME TO patterns;
  CREATE INDEX patterns_first_seen ON patterns(first_seen_ns);
  CREATE TABLE pattern_aliases (
    id        TEXT PRIMARY KEY,
    key       INTEGER NOT NULL UNIQUE,
    into_key  INTEGER NOT NULL
  );
  `,

  // 4: coarser buckets (5 min, 1 h, 1 day) kept beside the 10 s ones on every commit, so that volumes and
  // counts over long ranges read a few rows per step instead of every 10 s bucket (engine/store/coarse-buckets.ts).
  // Filled here from the buckets a store already holds.
  `
  CREATE TABLE buckets_5m (
    bucket_ms   INTEGER NOT NULL,
    pattern_key INTEGER NOT NULL,
    stream_id   INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (bucket_ms, pattern_key, stream_id)
  ) WITHOUT ROWID;
  CREATE TABLE buckets_1h (
    bucket_ms   INTEGER NOT NULL,
    pattern_key INTEGER NOT NULL,
    stream_id   INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (bucket_ms, pattern_key, stream_id)
  ) WITHOUT ROWID;
  CREATE TABLE buckets_1d (
    bucket_ms   INTEGER NOT NULL,
    pattern_key INTEGER NOT NULL,
    stream_id   INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (bucket_ms, pattern_key, stream_id)
  ) WITHOUT ROWID;
  INSERT INTO buckets_5m SELECT (bucket_ms / 300000) * 300000, pattern_key, stream_id, SUM(count) FROM buckets GROUP BY 1, 2, 3;
  INSERT INTO buckets_1h SELECT (bucket_ms / 3600000) * 3600000, pattern_key, stream_id, SUM(count) FROM buckets GROUP BY 1, 2, 3;
  INSERT INTO buckets_1d SELECT (bucket_ms / 86400000) * 86400000, pattern_key, stream_id, SUM(count) FROM buckets GROUP BY 1, 2, 3;
  `,

  // 5: the rows of one template found by its key or id. A template merged into another moves its rows
  // (SqliteWatchStore.movePatternRows) inside an ingest commit; without these every merge scanned each
  // bucket table whole: ~0.1 s per merge on the service's thread for a day of 100,000 templates, seconds
  // for a month.
  `
  CREATE INDEX IF NOT EXISTS buckets_pattern ON buckets(pattern_key);
  CREATE INDEX IF NOT EXISTS buckets_5m_pattern ON buckets_5m(pattern_key);
  CREATE INDEX IF NOT EXISTS buckets_1h_pattern ON buckets_1h(pattern_key);
  CREATE INDEX IF NOT EXISTS buckets_1d_pattern ON buckets_1d(pattern_key);
  CREATE INDEX IF NOT EXISTS entity_buckets_pattern ON entity_buckets(pattern_key);
  CREATE INDEX IF NOT EXISTS outliers_pattern ON outliers(pattern_id);
  CREATE INDEX IF NOT EXISTS outliers_nearest_pattern ON outliers(nearest_pattern_id);
  `,
];

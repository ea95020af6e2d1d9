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
];

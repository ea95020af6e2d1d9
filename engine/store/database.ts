import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens (or creates) the SQLite file in WAL mode and brings its schema up to date. WAL with
 * synchronous=NORMAL survives a process kill at any point (a power cut may lose the last commit,
 * never the file); every write the engine makes is one transaction.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new Error(`cannot open store database ${path}: ${(err as Error).message}`);
  }
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (!options.readonly) migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > MIGRATIONS.length) {
    throw new Error(`store schema version ${current} is newer than this Log Atlas understands (${MIGRATIONS.length}); upgrade Log Atlas`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { VectorCache } from '../embed/embedder.js';

/**
 * Where `analyze` keeps pattern vectors between runs when no baseline is involved:
 * $LOGATLAS_CACHE_DIR, else $XDG_CACHE_HOME/logatlas, else ~/.cache/logatlas; file vectors.db.
 * Keyed by model + dtype + text, so it never returns a vector of another model.
 */
export function defaultVectorCachePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.LOGATLAS_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'logatlas');
  return join(dir, 'vectors.db');
}

/** Opens (or creates) a vector cache file: the same SQLite schema a baseline uses. SQLite loads only here. */
export async function openVectorCacheFile(path: string): Promise<{ cache: VectorCache; close: () => void }> {
  const [{ openDatabase }, { SqliteVectorCache }] = await Promise.all([import('../store/database.js'), import('../store/vector-cache.js')]);
  const db = openDatabase(path);
  return { cache: new SqliteVectorCache(db), close: () => db.close() };
}

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMBEDDING_TEXT_VERSION, embeddingText } from '../canonical/embedding-text.js';
import type { CanonicalOptions } from '../canonical/types.js';
import { PatternTable, type PatternMerge, type PatternTableOptions } from '../patterns/pattern-table.js';
import type { Pattern } from '../patterns/pattern.js';
import { VectorIndex } from '../index/vector-index.js';
import { vectorModelKey } from '../embed/embedder.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { PatternStore } from './pattern-store.js';
import { SettingsStore } from './settings-store.js';
import { SqliteVectorCache } from './vector-cache.js';

/** What a baseline was built with. Queries against it must use the same model and canonical rules. */
export interface BaselineConfig {
  model: string;
  dtype: string;
  dim: number;
  /** Tokens each text was cut to (absent in stores from before it could change: 256). */
  maxTokens?: number;
  /** The embedding-text version its vectors were made from (absent: 1, see EMBEDDING_TEXT_VERSION). */
  textVersion?: number;
  canonical: CanonicalOptions & { userRules?: unknown };
}

/** The vector cache key a baseline's vectors are stored under. */
export function baselineVectorKey(config: BaselineConfig): string {
  return vectorModelKey(config.model, config.maxTokens ?? 256);
}

export const DATABASE_FILE = 'atlas.db';
export const INDEX_FILE = 'patterns.usearch';

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * A persisted baseline in one folder: the SQLite database (settings, patterns, embedding cache) and the
 * usearch index of pattern vectors. The database is the source of truth; the index file is derived
 * and is repaired from cached vectors when it lags behind (a crash between the two writes).
 */
export class Baseline {
  readonly patterns: PatternTable;
  readonly vectorCache: SqliteVectorCache;
  private readonly patternStore: PatternStore;
  private readonly settings: SettingsStore;
  private index: VectorIndex | undefined;
  private indexDirty = false;
  private pendingMerges: PatternMerge[] = [];

  private constructor(
    readonly dir: string,
    private readonly db: SqliteDatabase,
    patternOptions: Partial<PatternTableOptions>,
  ) {
    this.patternStore = new PatternStore(db);
    this.settings = new SettingsStore(db);
    this.vectorCache = new SqliteVectorCache(db);
    this.patterns = new PatternTable(patternOptions, this.patternStore.loadAll(), this.patternStore.loadAliases());
  }

  /**
   * Opens the baseline in `dir`. With `create`, a missing or empty folder becomes a new baseline;
   * without it, a folder that holds no baseline is an error that says so.
   */
  static open(dir: string, options: { create?: boolean; patternOptions?: Partial<PatternTableOptions> } = {}): Baseline {
    const abs = resolve(dir);
    const dbPath = join(abs, DATABASE_FILE);
    if (!existsSync(dbPath)) {
      if (!options.create) {
        throw new StoreError(`no baseline in ${abs} (expected ${DATABASE_FILE}); build one with: logatlas index --store ${dir} FILE...`);
      }
      if (existsSync(abs) && readdirSync(abs).length > 0) {
        throw new StoreError(`${abs} is not empty and holds no baseline; choose an empty or new folder for --store`);
      }
      mkdirSync(abs, { recursive: true });
    }
    return new Baseline(abs, openDatabase(dbPath), options.patternOptions ?? {});
  }

  get config(): BaselineConfig | undefined {
    return this.settings.get<BaselineConfig>('baseline');
  }

  /** Records the config of a new baseline, or checks that an existing one was built the same way. */
  ensureConfig(config: BaselineConfig): void {
    const existing = this.config;
    if (existing === undefined) {
      this.settings.set('baseline', config);
      return;
    }
    if (existing.model !== config.model || existing.dtype !== config.dtype) {
      throw new StoreError(`${this.dir} was built with ${existing.model} (${existing.dtype}); it cannot be extended with ${config.model} (${config.dtype})`);
    }
    const [oldText, oldTokens] = [existing.textVersion ?? 1, existing.maxTokens ?? 256];
    if (oldText !== (config.textVersion ?? 1) || oldTokens !== (config.maxTokens ?? 256)) {
      // Vectors of another embedding text or token cap must not meet new ones in one index.
      throw new StoreError(
        `${this.dir} holds vectors of an earlier embedding (text version ${oldText}, ${oldTokens} tokens; this Log Atlas embeds ` +
          `version ${config.textVersion ?? 1}, ${config.maxTokens ?? 256} tokens): build it again into a new folder (logatlas index --store NEW FILE...)`,
      );
    }
  }

  /** The vector index, loaded on first use and repaired from the cache when it misses patterns. */
  vectorIndex(): VectorIndex {
    if (this.index) return this.index;
    const config = this.requireConfig();
    const path = join(this.dir, INDEX_FILE);
    this.index = existsSync(path) ? VectorIndex.load(path, config.dim) : VectorIndex.create(config.dim);
    this.repairIndex(config);
    return this.index;
  }

  /**
   * Adds pattern vectors to the index, and to the cache under the pattern's embedding text, so that the
   * index can always be rebuilt from the database alone.
   */
  addVectors(entries: Array<{ key: number; canonical: string; vector: Float32Array }>): void {
    if (entries.length === 0) return;
    const config = this.requireConfig();
    this.vectorCache.putMany(
      baselineVectorKey(config),
      config.dtype,
      entries.map((e) => [embeddingText(e.canonical), e.vector]),
    );
    this.vectorIndex().add(
      entries.map((e) => e.key),
      entries.map((e) => e.vector),
    );
    this.indexDirty = true;
  }

  /** Patterns that have no vector in the index yet (new, or refined since they were embedded). */
  patternsWithoutVectors(): Array<{ key: number; canonical: string }> {
    this.takeTemplateChanges();
    const index = this.vectorIndex();
    const out: Array<{ key: number; canonical: string }> = [];
    for (const p of this.patterns.all()) if (!index.has(p.key)) out.push({ key: p.key, canonical: p.canonical });
    return out;
  }

  /** Persists changed patterns (one transaction), then the index file. */
  save(): void {
    this.savePatterns();
    this.saveIndex();
  }

  /**
   * Changed patterns only; inside the caller's transaction they commit together with its other writes.
   * Template changes reach the index first (see takeTemplateChanges). Returns the merges written, so
   * that a caller keeping rows per pattern moves them to the pattern each one joined.
   */
  savePatterns(): PatternMerge[] {
    this.takeTemplateChanges();
    const merges = this.pendingMerges;
    this.pendingMerges = [];
    this.patternStore.save(this.patterns.takeDirty(), merges);
    return merges;
  }

  /**
   * Applies the template changes since the last call to the index: merged patterns' vectors go, and so
   * do refined ones' (their text changed; they are embedded again). Returns the refined patterns that
   * now need a vector; merges wait for the next savePatterns.
   */
  takeTemplateChanges(): Pattern[] {
    const merges = this.patterns.takeMerges();
    this.pendingMerges.push(...merges);
    const refined = this.patterns.takeRefined();
    const stale = [...merges.map((m) => m.from.key), ...refined.map((p) => p.key)];
    if (stale.length > 0 && this.config !== undefined) {
      const index = this.vectorIndex();
      for (const key of stale) if (index.remove(key)) this.indexDirty = true;
    }
    return refined;
  }

  /** The index file (derived data: repaired from the vector cache when it lags). */
  saveIndex(): void {
    if (this.index && this.indexDirty) {
      this.index.save(join(this.dir, INDEX_FILE));
      this.indexDirty = false;
    }
  }

  /** The SQLite database, for stores that keep more than the baseline in the same file (the service). */
  get database(): SqliteDatabase {
    return this.db;
  }

  close(): void {
    this.db.close();
  }

  requireConfig(): BaselineConfig {
    const config = this.config;
    if (!config) throw new StoreError(`baseline ${this.dir} has no configuration yet; index some logs into it first`);
    const version = config.textVersion ?? 1;
    if (version !== EMBEDDING_TEXT_VERSION) {
      // Its vectors were made from another embedding text: new queries would not meet them on equal terms.
      throw new StoreError(
        `${this.dir} holds vectors of embedding text version ${version}; this Log Atlas embeds version ${EMBEDDING_TEXT_VERSION}: ` +
          'build it again into a new folder (logatlas index --store NEW FILE...)',
      );
    }
    return config;
  }

  private repairIndex(config: BaselineConfig): void {
    const index = this.index!;
    if (index.size >= this.patterns.size) return;
    const missing = [...this.patterns.all()].filter((p) => !index.has(p.key));
    const cached = this.vectorCache.getMany(
      baselineVectorKey(config),
      config.dtype,
      missing.map((p) => embeddingText(p.canonical)),
    );
    const keys: number[] = [];
    const vectors: Float32Array[] = [];
    for (const p of missing) {
      const v = cached.get(embeddingText(p.canonical));
      if (v) {
        keys.push(p.key);
        vectors.push(v);
      }
    }
    if (keys.length > 0) {
      index.add(keys, vectors);
      this.indexDirty = true;
    }
  }
}

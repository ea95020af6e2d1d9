// Runs one watch: backfill from its cursor (or its start), then follow by polling query_range.
//
// Why polling and not the tail websocket: a poll reads [cursor, now − lag) with the same paging and
// same-timestamp handling as the backfill, so one code path counts every entry exactly once and the
// cursor persisted with the counts is all a restart needs. Loki's tail drops entries when the client
// is slow, is capped in duration and concurrency, and gives no position to resume from.
// The lag (default 2 s) leaves time for pushed entries to become queryable; entries whose timestamps
// are older than the cursor when they arrive (a back-dated push after the watch passed that time) are
// not seen — that is the price of a timestamp cursor, and why `logatlas replay` stamps live lines now.
import { watchBaselineConfig, watchCanonicalizer } from './watch-config.js';
import { embeddingText } from '../canonical/embedding-text.js';
import type { Canonicalizer } from '../canonical/types.js';
import type { DetectionConfig } from '../detect/alert-rules.js';
import { CachedEmbedder } from '../embed/cached-embedder.js';
import type { Embedder } from '../embed/embedder.js';
import { nowNs, type LokiEntry } from '../loki/entry.js';
import type { LogSource } from '../logstore/log-source.js';
import { Baseline, DATABASE_FILE } from '../store/baseline.js';
import type { WatchDefinition } from '../store/watch-registry.js';
import { SqliteWatchStore, type PatternPlacement, type WatchCursor } from '../store/watch-store.js';
import { clusterWatch } from './watch-clustering.js';
import { entryHash, WatchIngest } from './watch-ingest.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type WatchState = 'backfilling' | 'following' | 'error';

export interface WatchRunnerOptions {
  pollMs: number;
  lagMs: number;
  /** Entries per ingest batch (one transaction each). */
  pageLimit: number;
  /** Least time between two clusterings of the watch's patterns. */
  reclusterMs: number;
  /** Where a watch without backfillFromMs starts: this long before it was created. */
  defaultBackfillMs: number;
  threshold?: number;
}

/**
 * How often the vector index file is written while new templates arrive (and when the watch stops).
 * Writing it is synchronous and takes 0.2–0.5 s for 100,000 templates on the thread that answers HTTP;
 * it is derived data (repaired from the vector cache when it lags behind, see Baseline.vectorIndex), so a
 * kill between two writes costs only the re-adding of the vectors since the last one.
 */
const INDEX_SAVE_MS = 300_000;

export const DEFAULT_RUNNER_OPTIONS: WatchRunnerOptions = {
  pollMs: 1000,
  lagMs: 2000,
  pageLimit: 1000,
  reclusterMs: 30_000,
  defaultBackfillMs: 3_600_000,
};

export interface WatchRunnerDeps {
  /** The log store as this watch's tenant reads it. */
  source: LogSource;
  model: Promise<Embedder>;
  detection: DetectionConfig;
  options: WatchRunnerOptions;
  log?: (msg: string) => void;
}

export class WatchRunner {
  state: WatchState = 'backfilling';
  error: string | undefined;
  readonly baseline: Baseline;
  readonly store: SqliteWatchStore;
  private placementMap: Map<number, PatternPlacement>;
  private cursor: WatchCursor;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private embedder: Embedder | undefined;
  private canonicalizerInUse: Canonicalizer | undefined;
  private patternsAtClustering = -1;
  /** The clustering running in a worker thread, if one is. */
  private clustering: Promise<void> | undefined;
  private lastClusteringMs = 0;
  private lastIndexSaveMs = 0;
  /** The store's current writer; the next waits for it (see inTurn). */
  private lastWriter: Promise<unknown> = Promise.resolve();

  constructor(
    readonly def: WatchDefinition,
    readonly dir: string,
    private readonly deps: WatchRunnerDeps,
  ) {
    this.baseline = Baseline.open(dir, { create: !existsSync(join(dir, DATABASE_FILE)) });
    this.store = new SqliteWatchStore(this.baseline);
    this.placementMap = this.store.placements();
    const startMs = def.backfillFromMs ?? def.createdMs - deps.options.defaultBackfillMs;
    this.cursor = this.store.readCursor() ?? { cursorNs: BigInt(startMs) * 1_000_000n, seen: [], events: 0, lastEventNs: null };
  }

  get cursorMs(): number {
    return Number(this.cursor.cursorNs / 1_000_000n);
  }

  get events(): number {
    return this.cursor.events;
  }

  get lastEventMs(): number | null {
    return this.cursor.lastEventNs === null ? null : Number(this.cursor.lastEventNs / 1_000_000n);
  }

  /** The model with this watch's vector cache in front (undefined until the model has loaded). */
  get cachedEmbedder(): Embedder | undefined {
    return this.embedder;
  }

  /** The canonicalizer of this watch's store (undefined until the model has loaded). */
  get canonicalizer(): Canonicalizer | undefined {
    return this.canonicalizerInUse;
  }

  clusterOf(patternKey: number): number | undefined {
    return (this.placementMap.get(patternKey) ?? this.placementMap.get(this.baseline.patterns.resolveKey(patternKey)))?.cluster;
  }

  placements(): Map<number, PatternPlacement> {
    return this.placementMap;
  }

  start(): void {
    this.loop ??= this.run().catch((err) => {
      if (!this.abort.signal.aborted) this.fail(err);
    });
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('watch stopped'));
    await this.loop;
    await this.clustering; // stopped with the watch (its worker ended), so it never outlives the store it read
    await this.deps.source.close?.();
    try {
      this.baseline.saveIndex();
    } catch {
      // the index is derived; the next open repairs it
    }
    this.baseline.close();
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const model = await this.deps.model;
    const config = watchBaselineConfig(model);
    this.baseline.ensureConfig(config);
    const stored = this.baseline.requireConfig();
    this.embedder = new CachedEmbedder(model, this.baseline.vectorCache);
    const canonicalizer = watchCanonicalizer(stored);
    this.canonicalizerInUse = canonicalizer;
    const ruleVectors = new Map<string, Float32Array>();
    const withExamples = this.deps.detection.rules.filter((r) => r.similarTo !== undefined);
    if (withExamples.length > 0) {
      const texts = withExamples.map((r) => embeddingText(canonicalizer.canonicalize(r.similarTo!).canonical));
      const vs = await this.embedder.embed(texts);
      withExamples.forEach((r, i) => ruleVectors.set(r.name, vs[i]));
    }
    const ingest = new WatchIngest({
      name: this.def.name,
      baseline: this.baseline,
      store: this.store,
      canonicalizer,
      embedder: this.embedder,
      detection: this.deps.detection,
      threshold: this.deps.options.threshold,
      ruleVectors,
      clusterOf: (key) => this.clusterOf(key),
    });
    ingest.restoreDetectors(this.store.readDetectors());
    let failures = 0;
    while (!signal.aborted) {
      try {
        const pollStartMs = Date.now();
        await this.poll(ingest, signal);
        failures = 0;
        if (this.error !== undefined) this.deps.log?.(`watch ${this.def.name}: recovered`);
        this.error = undefined;
        this.maybeCluster();
        this.maybeSaveIndex();
        // One poll per pollMs, counted from its start: a poll that took longer (a busy machine, a fast
        // stream) is followed by the next at once, so a watch that fell behind does not also sit idle.
        await sleep(Math.max(0, this.deps.options.pollMs - (Date.now() - pollStartMs)), signal);
      } catch (err) {
        if (signal.aborted) return;
        this.fail(err);
        failures++;
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), signal);
      }
    }
  }

  /** Reads and counts everything in [cursor, now − lag). */
  private async poll(ingest: WatchIngest, signal: AbortSignal): Promise<void> {
    const endNs = nowNs() - BigInt(this.deps.options.lagMs) * 1_000_000n;
    if (endNs <= this.cursor.cursorNs) return;
    const startNs = this.cursor.cursorNs;
    // Entries at the cursor's timestamp already counted are known by identity. VictoriaLogs keeps exact
    // duplicates (Loki drops them): two identical rows at that very timestamp, one counted before a
    // restart, are taken for one after it. Rare (same stream, line and nanosecond) and left as is.
    const seenAtStart = new Set(this.cursor.seen);
    for await (const page of this.deps.source.read(this.def.selector, startNs, endNs, { pageLimit: this.deps.options.pageLimit, signal })) {
      const fresh: LokiEntry[] = seenAtStart.size === 0 ? page : page.filter((e) => e.tsNs !== startNs || !seenAtStart.has(entryHash(e)));
      if (fresh.length === 0) continue;
      const result = await this.inTurn(() => ingest.ingest(fresh, this.cursor, this.state === 'following'));
      this.cursor = result.cursor;
    }
    // Everything before endNs has been read: the cursor moves there (kept in memory; a restart from
    // the last committed cursor re-reads only entries it never counted).
    if (this.cursor.cursorNs < endNs) this.cursor = { ...this.cursor, cursorNs: endNs, seen: [] };
    this.state = 'following';
  }

  /**
   * Starts a clustering when templates were made, refined or merged since the last one and enough time
   * passed. It runs in a worker thread while polls go on; its result is applied when it arrives (keys
   * merged meanwhile resolve to the template they joined; the next clustering catches up the rest).
   */
  private maybeCluster(): void {
    if (this.clustering) return;
    const size = this.baseline.patterns.generation;
    if (size === this.patternsAtClustering) return;
    if (Date.now() - this.lastClusteringMs < this.deps.options.reclusterMs) return;
    const startMs = (this.lastClusteringMs = Date.now());
    const job = clusterWatch(join(this.dir, DATABASE_FILE), this.abort.signal);
    this.clustering = job.computed
      .then(({ patterns, clusters }) =>
        // Ingest waits while the worker writes and reads the sums per cluster, so that what this thread
        // installs matches every commit (a second or so for 100,000 templates; HTTP answers meanwhile).
        this.inTurn(async () => {
          const writeMs = Date.now();
          const { placements, series } = await job.write();
          if (this.abort.signal.aborted) return;
          this.store.installClusters(placements.values(), series);
          this.placementMap = placements;
          this.patternsAtClustering = size;
          const s = (ms: number) => (ms / 1000).toFixed(1);
          this.deps.log?.(
            `watch ${this.def.name}: clustered ${patterns} templates into ${clusters} clusters in ${s(Date.now() - startMs)} s (ingest held ${s(Date.now() - writeMs)} s for the write)`,
          );
        }),
      )
      .catch((err) => {
        if (!this.abort.signal.aborted) this.deps.log?.(`watch ${this.def.name}: clustering failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        this.clustering = undefined;
      });
  }

  /** Runs `fn` when the store's previous writer (an ingest batch, a clustering's write) is done. */
  private inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.lastWriter.then(fn);
    this.lastWriter = turn.catch(() => {});
    return turn;
  }

  private maybeSaveIndex(): void {
    if (Date.now() - this.lastIndexSaveMs < INDEX_SAVE_MS) return;
    this.baseline.saveIndex();
    this.lastIndexSaveMs = Date.now();
  }

  private fail(err: unknown): void {
    const msg = err instanceof Error ? err.message : String(err);
    if (this.error !== msg) this.deps.log?.(`watch ${this.def.name}: ${msg}`);
    this.state = 'error';
    this.error = msg;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

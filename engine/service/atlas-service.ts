// The engine as a service: the watches of every tenant (each a WatchRunner over its own store folder),
// the one shared model, range jobs and health. The HTTP API (api-server.ts) is a thin layer over this.
import { rmSync } from 'node:fs';
import type { DetectionConfig } from '../detect/alert-rules.js';
import type { Embedder } from '../embed/embedder.js';
import { checkQuery, checkTenant, openLogSource, type LogSource, type LogStoreConfig, type SourceHealth } from '../logstore/log-source.js';
import { readInThread } from '../logstore/reader-thread.js';
import { splitLogQuery } from '../loki/selector.js';
import { watchDir, WatchRegistry, type WatchDefinition } from '../store/watch-registry.js';
import { RangeJobs } from './range-jobs.js';
import { DEFAULT_RUNNER_OPTIONS, WatchRunner, type WatchRunnerOptions } from './watch-runner.js';

export interface AtlasServiceOptions {
  storeDir: string;
  /** The log store the watches read (Loki or VictoriaLogs). */
  logStore: LogStoreConfig;
  /** Tenant of requests without X-Scope-OrgID and of --watch flags. */
  defaultTenant: string;
  /**
   * Whether the default tenant is a tenant of the log store (X-Scope-OrgID for Loki, AccountID[:ProjectID]
   * for VictoriaLogs). False when serve was started without --tenant: the default tenant then reads the
   * store's default tenant.
   */
  defaultTenantIsLoki: boolean;
  detection: DetectionConfig;
  runner?: Partial<WatchRunnerOptions>;
  /** Starts the model; called once. */
  startModel: () => Promise<Embedder>;
  log?: (msg: string) => void;
  /** How often the log store's readiness is probed for health. */
  lokiProbeMs?: number;
}

export interface ComponentHealth {
  ok: boolean;
  error?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  /** Which store the watches read; `loki` below is its health whatever its kind (the name the plugin reads). */
  logStore: LogStoreConfig['kind'];
  loki: ComponentHealth;
  model: ComponentHealth;
  store: ComponentHealth;
}

export class ConflictError extends Error {}

export const WATCH_NAME_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export class AtlasService {
  readonly registry: WatchRegistry;
  readonly model: Promise<Embedder>;
  readonly jobs: RangeJobs;
  private readonly runners = new Map<string, WatchRunner>();
  /** Watches whose runner is being replaced (a new query): not readable, not editable meanwhile. */
  private readonly restarting = new Set<string>();
  private modelHealth: ComponentHealth = { ok: false, error: 'loading the model' };
  private lokiHealth: ComponentHealth = { ok: false, error: 'not probed yet' };
  private readonly probeSource: LogSource;
  private readonly probeTimer: NodeJS.Timeout;
  private readonly runnerOptions: WatchRunnerOptions;

  constructor(readonly options: AtlasServiceOptions) {
    this.registry = new WatchRegistry(options.storeDir);
    this.runnerOptions = { ...DEFAULT_RUNNER_OPTIONS, ...options.runner };
    this.model = options.startModel();
    this.model.then(
      () => (this.modelHealth = { ok: true }),
      (err: Error) => {
        this.modelHealth = { ok: false, error: err.message };
        options.log?.(`model failed to load: ${err.message}`);
      },
    );
    this.model.catch(() => {});
    this.probeSource = openLogSource(options.logStore, undefined, { maxAttempts: 1 });
    this.jobs = new RangeJobs({ model: this.model, source: (t) => this.sourceFor(t) });
    for (const def of this.registry.list()) this.startRunner(def);
    void this.probeLoki();
    this.probeTimer = setInterval(() => void this.probeLoki(), options.lokiProbeMs ?? 5000);
    this.probeTimer.unref();
  }

  /** Adds a watch and starts it; ConflictError when the tenant has one of that name. */
  addWatch(tenant: string, w: { name: string; selector: string; backfillFromMs?: number | null }): WatchRunner {
    if (!WATCH_NAME_RE.test(w.name)) throw new RangeError(`watch name must match ${WATCH_NAME_RE.source}: ${JSON.stringify(w.name)}`);
    splitLogQuery(w.selector); // throws a readable error for what is not a log query
    checkQuery(this.options.logStore.kind, w.selector); // or what the store cannot run
    this.sourceFor(tenant); // and for a tenant the log store cannot name
    const def: WatchDefinition = { tenant, name: w.name, selector: w.selector, backfillFromMs: w.backfillFromMs ?? null, createdMs: Date.now() };
    // A leftover folder (a watch deleted while the process died) must not lend its counts to a new watch.
    if (!this.registry.get(tenant, w.name)) rmSync(watchDir(this.options.storeDir, tenant, w.name), { recursive: true, force: true });
    if (!this.registry.add(def)) throw new ConflictError(`watch ${w.name} already exists`);
    return this.startRunner(def);
  }

  /**
   * Gives a watch a new query. Its store stays (counts, templates, clusters, outliers, feedback, history)
   * and so does its cursor: the new query is read from where the watch had counted to, and lines before
   * that are not read again. Undefined when there is no such watch; throws (as addWatch) for a query the
   * log store cannot run.
   */
  async editWatch(tenant: string, name: string, selector: string): Promise<WatchRunner | undefined> {
    const runner = this.runner(tenant, name);
    if (!runner) return undefined;
    splitLogQuery(selector);
    checkQuery(this.options.logStore.kind, selector);
    if (selector === runner.def.selector) return runner;
    const k = key(tenant, name);
    if (this.restarting.has(k)) throw new ConflictError(`watch ${name} is being changed; try again`);
    this.restarting.add(k);
    try {
      if (!this.registry.setSelector(tenant, name, selector)) return undefined;
      // One runner per store at a time: the old one stops (and closes the store) before the new one opens it.
      await runner.stop();
      return this.startRunner({ ...runner.def, selector });
    } finally {
      this.restarting.delete(k);
    }
  }

  /** Whether a watch is being restarted with a new query (its reads answer 503 meanwhile). */
  isRestarting(tenant: string, name: string): boolean {
    return this.restarting.has(key(tenant, name));
  }

  async removeWatch(tenant: string, name: string): Promise<boolean> {
    const runner = this.runner(tenant, name);
    if (!runner) return false;
    if (this.restarting.has(key(tenant, name))) throw new ConflictError(`watch ${name} is being changed; try again`);
    this.runners.delete(key(tenant, name));
    this.registry.remove(tenant, name);
    await runner.stop();
    rmSync(runner.dir, { recursive: true, force: true });
    return true;
  }

  runner(tenant: string, name: string): WatchRunner | undefined {
    return this.runners.get(key(tenant, name));
  }

  watches(tenant: string): WatchRunner[] {
    return [...this.runners.values()].filter((r) => r.def.tenant === tenant).sort((a, b) => a.def.name.localeCompare(b.def.name));
  }

  health(): Health {
    let store: ComponentHealth = { ok: true };
    try {
      this.registry.check();
    } catch (err) {
      store = { ok: false, error: (err as Error).message };
    }
    const ok = this.lokiHealth.ok && this.modelHealth.ok && store.ok;
    return { status: ok ? 'ok' : 'degraded', logStore: this.options.logStore.kind, loki: this.lokiHealth, model: this.modelHealth, store };
  }

  /** The tenant a tenant's watches read the log store as (undefined: the store's default tenant). */
  storeTenant(tenant: string): string | undefined {
    return tenant === this.options.defaultTenant && !this.options.defaultTenantIsLoki ? undefined : tenant;
  }

  /** The log store as a tenant reads it; throws for a tenant name the store cannot carry. */
  sourceFor(tenant: string): LogSource {
    const storeTenant = this.storeTenant(tenant);
    if (storeTenant !== undefined) checkTenant(this.options.logStore.kind, storeTenant);
    return openLogSource(this.options.logStore, storeTenant);
  }

  async close(): Promise<void> {
    clearInterval(this.probeTimer);
    this.jobs.close();
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    this.runners.clear();
    this.registry.close();
    try {
      await (await this.model).close();
    } catch {
      // a model that failed to load has nothing to close
    }
  }

  private startRunner(def: WatchDefinition): WatchRunner {
    const runner = new WatchRunner(def, watchDir(this.options.storeDir, def.tenant, def.name), {
      // Read in a thread of its own, so that pages arrive whole however busy this thread is (it refuses,
      // here and now, a tenant the store cannot name, as sourceFor does).
      source: readInThread(this.options.logStore, this.storeTenant(def.tenant)),
      model: this.model,
      detection: this.options.detection,
      options: this.runnerOptions,
      log: this.options.log,
    });
    this.runners.set(key(def.tenant, def.name), runner);
    runner.start();
    return runner;
  }

  private async probeLoki(): Promise<void> {
    const health: SourceHealth = await this.probeSource.ready();
    this.lokiHealth = health;
  }
}

function key(tenant: string, name: string): string {
  return `${tenant}\u0000${name}`;
}

// The seam between the engine and the log store it reads: Loki or VictoriaLogs. Watches, range jobs and
// the service's health read through a LogSource and never know which store is behind it.
import { LokiHttp, type LokiAuth } from '../loki/http.js';
import type { LokiEntry } from '../loki/entry.js';
import { queryRange } from '../loki/query-range.js';
import { VictoriaLogsHttp } from '../victorialogs/http.js';
import { logqlToLogsql } from '../victorialogs/logsql.js';
import { readRange } from '../victorialogs/query-range.js';
import { parseTenant } from '../victorialogs/tenant.js';

export type LogStoreKind = 'loki' | 'victorialogs';

/** Which store, where, and how to sign in (Loki only: basic or bearer, as a gateway in front of it wants). */
export interface LogStoreConfig {
  kind: LogStoreKind;
  url: string;
  auth?: LokiAuth;
}

export interface SourceHealth {
  ok: boolean;
  error?: string;
}

export interface ReadOptions {
  /** Entries per page (and per ingest transaction). */
  pageLimit?: number;
  signal?: AbortSignal;
}

export interface LogSource {
  readonly kind: LogStoreKind;
  readonly url: string;
  /**
   * Every entry of a LogQL log query in [startNs, endNs), oldest first, each exactly once, in pages. A
   * watch follows by calling this for [cursor, now − lag) again and again.
   */
  read(query: string, startNs: bigint, endNs: bigint, options?: ReadOptions): AsyncIterable<LokiEntry[]>;
  /** Whether the store answers (Loki /ready, VictoriaLogs /health). */
  ready(): Promise<SourceHealth>;
  /** Frees what the source holds (readInThread: its thread). */
  close?(): Promise<void>;
}

// Long Loki backfills are asked in day-long ranges (Loki splits them itself); hour-long ones made a
// year's backfill ~9,000 requests.
const DAY_NS = 86_400_000_000_000n;

/** The source of a tenant's reads (undefined: the store's default tenant). Throws for a tenant the store cannot name. */
/** How patient a source is with its store. */
export interface SourceOptions {
  timeoutMs?: number;
  maxAttempts?: number;
}

export function openLogSource(config: LogStoreConfig, tenant?: string, opts: SourceOptions = {}): LogSource {
  return config.kind === 'loki' ? lokiSource(config, tenant, opts) : victoriaLogsSource(config, tenant, opts);
}

/** Checks that a store can run a watch's query (VictoriaLogs: what translates to LogsQL); throws why not. */
export function checkQuery(kind: LogStoreKind, query: string): void {
  if (kind === 'victorialogs') logqlToLogsql(query);
}

/** Checks a tenant name for a store before anything starts (VictoriaLogs tenants are `N` or `N:M`). */
export function checkTenant(kind: LogStoreKind, tenant: string): void {
  if (kind === 'victorialogs') parseTenant(tenant);
}

function lokiSource(config: LogStoreConfig, tenant: string | undefined, opts: SourceOptions): LogSource {
  const http = new LokiHttp({ url: config.url, tenant, auth: config.auth, maxAttempts: opts.maxAttempts ?? 3, timeoutMs: opts.timeoutMs ?? 15_000 });
  return {
    kind: 'loki',
    url: config.url,
    read: (query, startNs, endNs, o = {}) => queryRange(http, { query, startNs, endNs, pageLimit: o.pageLimit, chunkNs: DAY_NS, signal: o.signal }),
    ready: () => probe(new URL('/ready', http.baseUrl + '/'), 'Loki', http.headers()),
  };
}

function victoriaLogsSource(config: LogStoreConfig, tenant: string | undefined, opts: SourceOptions): LogSource {
  const http = new VictoriaLogsHttp({
    url: config.url,
    tenant: tenant === undefined ? undefined : parseTenant(tenant),
    maxAttempts: opts.maxAttempts ?? 3,
    timeoutMs: opts.timeoutMs ?? 15_000,
  });
  return {
    kind: 'victorialogs',
    url: config.url,
    read: (query, startNs, endNs, o = {}) => readRange(http, { query: logqlToLogsql(query), startNs, endNs, pageLimit: o.pageLimit, signal: o.signal }),
    ready: () => probe(new URL('/health', http.baseUrl + '/'), 'VictoriaLogs', {}),
  };
}

async function probe(url: URL, name: string, headers: Record<string, string>): Promise<SourceHealth> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(3000) });
    const text = (await res.text()).trim();
    return res.ok ? { ok: true } : { ok: false, error: `${name} ${url.pathname} answered ${res.status}: ${text.slice(0, 200)}` };
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    return { ok: false, error: `cannot reach ${name} at ${url.origin}: ${cause}` };
  }
}

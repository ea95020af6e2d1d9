// Test fixtures for the service: an in-process AtlasService with its HTTP API on a free loopback port
// (the real model, real SQLite, a real Loki given by the test), and small helpers to call and wait.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DETECTION_CONFIG, type DetectionConfig } from '../detect/alert-rules.js';
import { WorkerEmbedder } from '../embed/worker-embedder.js';
import { buildApi } from './api-server.js';
import { AtlasService } from './atlas-service.js';
import type { LogStoreConfig } from '../logstore/log-source.js';
import type { WatchRunnerOptions } from './watch-runner.js';
import type { TenantToken } from './api-tokens.js';

export const TEST_TOKEN = 'test-token-123';

export interface RunningService {
  url: string;
  service: AtlasService;
  storeDir: string;
  /** GET/POST with the token; answers status and parsed JSON. */
  call(
    method: string,
    path: string,
    opts?: { body?: unknown; tenant?: string; token?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; json: any; headers: Headers; text: string }>;
  close(): Promise<void>;
}

export async function startService(opts: {
  /** The log store the watches read: a URL alone is a Loki. */
  lokiUrl?: string;
  logStore?: LogStoreConfig;
  storeDir?: string;
  defaultTenant?: string;
  defaultTenantIsLoki?: boolean;
  detection?: DetectionConfig;
  runner?: Partial<WatchRunnerOptions>;
  /** Tokens bound to one tenant each, beside the engine token TEST_TOKEN. */
  tenantTokens?: TenantToken[];
}): Promise<RunningService> {
  const storeDir = opts.storeDir ?? mkdtempSync(join(tmpdir(), 'logatlas-service-'));
  const service = new AtlasService({
    storeDir,
    logStore: opts.logStore ?? { kind: 'loki', url: opts.lokiUrl! },
    defaultTenant: opts.defaultTenant ?? 'default',
    defaultTenantIsLoki: opts.defaultTenantIsLoki ?? false,
    detection: opts.detection ?? DEFAULT_DETECTION_CONFIG,
    runner: { pollMs: 200, lagMs: 1000, reclusterMs: 0, ...opts.runner },
    startModel: () => WorkerEmbedder.start({}),
    lokiProbeMs: 300,
  });
  const app = buildApi(service, { token: TEST_TOKEN, tenantTokens: opts.tenantTokens });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    service,
    storeDir,
    async call(method, path, { body, tenant, token = TEST_TOKEN, headers: extra = {} } = {}) {
      const headers: Record<string, string> = { ...extra };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      if (tenant !== undefined) headers['X-Scope-OrgID'] = tenant;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(`${url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers, text };
    },
    async close() {
      await app.close();
      await service.close();
    },
  };
}

/** Polls until `check` returns a value other than undefined; fails with the last seen state after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000, describe?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}${describe ? ` (last seen: ${describe()})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

import type { Command } from 'commander';
import type { LogStoreConfig } from '../../logstore/log-source.js';
import { LokiHttp, type LokiAuth } from '../../loki/http.js';
import { parseTenant, tenantHeaders } from '../../victorialogs/tenant.js';
import { UsageError } from '../errors.js';

/** The flags that name the log store: `--loki URL` or `--victorialogs URL`, and Loki's credentials. */
export interface LogStoreOptions {
  loki?: string;
  victorialogs?: string;
  tenant?: string;
  lokiUser?: string;
  lokiBearerEnv?: string;
}

export function addLogStoreOptions(cmd: Command, tenantHelp: string): Command {
  return cmd
    .option('--loki <url>', 'Loki base URL, e.g. http://127.0.0.1:3100')
    .option('--victorialogs <url>', 'VictoriaLogs base URL, e.g. http://127.0.0.1:9428 (instead of --loki)')
    .option('--tenant <id>', tenantHelp)
    .option('--loki-user <name>', 'basic auth user for Loki (password from LOKI_PASSWORD)')
    .option('--loki-bearer-env <var>', 'environment variable holding a bearer token for Loki');
}

/** The store the flags name; exactly one of --loki and --victorialogs, a tenant the store can carry. */
export function logStoreFrom(opts: LogStoreOptions): LogStoreConfig {
  if ((opts.loki === undefined) === (opts.victorialogs === undefined)) {
    throw new UsageError('name the log store with exactly one of --loki URL or --victorialogs URL');
  }
  if (opts.victorialogs !== undefined) {
    if (opts.lokiUser !== undefined || opts.lokiBearerEnv !== undefined) {
      throw new UsageError('--loki-user and --loki-bearer-env go with --loki, not --victorialogs');
    }
    if (opts.tenant !== undefined) tenantOf(opts.tenant);
    return { kind: 'victorialogs', url: opts.victorialogs };
  }
  return { kind: 'loki', url: opts.loki!, auth: lokiAuthFrom(opts) };
}

/** Where pushes go: Loki's push API, or the same API that VictoriaLogs serves under /insert. */
export function pushClient(opts: LogStoreOptions): LokiHttp {
  const store = logStoreFrom(opts);
  if (store.kind === 'loki') return new LokiHttp({ url: store.url, tenant: opts.tenant, auth: store.auth });
  const headers = tenantHeaders(opts.tenant === undefined ? undefined : tenantOf(opts.tenant));
  return new LokiHttp({ url: `${store.url.replace(/\/+$/, '')}/insert`, headers });
}

function tenantOf(tenant: string) {
  try {
    return parseTenant(tenant);
  } catch (err) {
    throw new UsageError(`--tenant: ${(err as Error).message}`);
  }
}

/** Loki credentials from flags and the environment (secrets never on the command line). */
function lokiAuthFrom(opts: LogStoreOptions): LokiAuth | undefined {
  if (opts.lokiUser !== undefined) return { username: opts.lokiUser, password: process.env.LOKI_PASSWORD ?? '' };
  if (opts.lokiBearerEnv !== undefined) {
    const token = process.env[opts.lokiBearerEnv];
    if (!token) throw new UsageError(`--loki-bearer-env ${opts.lokiBearerEnv}: that environment variable is empty`);
    return { bearerToken: token };
  }
  return undefined;
}

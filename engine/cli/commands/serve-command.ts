import type { Command } from 'commander';
import { DEFAULT_DETECTION_CONFIG, loadDetectionConfig } from '../../detect/alert-rules.js';
import { DEFAULT_THRESHOLD } from '../../detect/detector.js';
import { UsageError } from '../errors.js';
import { addModelOptions, distance, positiveInt } from '../options.js';
import { startModel, type CommonOptions } from '../wiring.js';
import { addLogStoreOptions, logStoreFrom, type LogStoreOptions } from './log-store-options.js';
import { parseTenantToken, readTenantTokenFile, tenantTokensFromEnv, type TenantToken } from '../../service/api-tokens.js';

type ServeOptions = CommonOptions &
  LogStoreOptions & {
    watch: Array<{ name: string; selector: string }>;
    store: string;
    port: number;
    host: string;
    token?: string;
    tenantToken: string[];
    tenantTokensFile?: string;
    alertRules?: string;
    backfill: number;
    pollMs: number;
    lagMs: number;
    reclusterSeconds: number;
    threshold: number;
    pageLimit: number;
  };

export const DEFAULT_PORT = 8377;

export function registerServeCommand(program: Command): void {
  const cmd = program
    .command('serve')
    .summary('watch Loki or VictoriaLogs streams and serve clusters, volumes and outliers over HTTP')
    .description(
      'Backfills then follows each watch (a named LogQL selector) from Loki or VictoriaLogs, keeping\n' +
        'templates, counts, clusters and outliers in --store, and answers the HTTP API of docs/api.md.\n' +
        'The API needs a bearer token and listens on 127.0.0.1 unless --host says otherwise. The engine\n' +
        'token (--token or LOGATLAS_TOKEN) may read any tenant named by X-Scope-OrgID; a tenant token\n' +
        '(--tenant-token, --tenant-tokens-file or LOGATLAS_TENANT_TOKENS=T1=TOKEN1,T2=TOKEN2) reads its own\n' +
        'tenant only (another X-Scope-OrgID is refused with 403).',
    )
    .option('--watch <name=selector>', 'a watch, e.g. app=\'{job="app"} |= "error"\' (repeatable)', collectWatch, [])
    .requiredOption('--store <dir>', 'folder for the service data (created if missing)')
    .option('--port <n>', `HTTP port (default ${DEFAULT_PORT}; 0 picks a free one)`, nonNegativePort, DEFAULT_PORT)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--token <token>', 'API bearer token for any tenant (default: $LOGATLAS_TOKEN)')
    .option('--tenant-token <tenant=token>', 'a bearer token bound to one tenant (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--tenant-tokens-file <file>', 'tenant tokens, one TENANT=TOKEN per line (# comments)')
    .option('--alert-rules <file>', 'JSON file of alert rules and burst / entity-spread settings')
    .option('--backfill <minutes>', 'how far back a new watch starts', positiveInt('--backfill'), 60)
    .option('--poll-ms <ms>', 'pause between two polls of the log store', positiveInt('--poll-ms'), 1000)
    .option('--lag-ms <ms>', 'how far behind now a poll reads (time for pushes to become queryable)', positiveInt('--lag-ms'), 2000)
    .option('--recluster-seconds <s>', 'least time between two clusterings of a watch', positiveInt('--recluster-seconds'), 30)
    .option('--page-limit <n>', 'entries per read and per ingest transaction (at most 5000)', positiveInt('--page-limit'), 1000)
    .option('--threshold <distance>', 'cosine distance above which a new pattern is an outlier', distance('--threshold'), DEFAULT_THRESHOLD);
  addLogStoreOptions(
    cmd,
    'store tenant of the default tenant (requests without X-Scope-OrgID, --watch flags): Loki X-Scope-OrgID, or VictoriaLogs AccountID[:ProjectID]',
  );
  addModelOptions(cmd);
  cmd.action(async (opts: ServeOptions) => {
    const logStore = logStoreFrom(opts);
    const token = opts.token ?? process.env.LOGATLAS_TOKEN;
    const tenantTokens = tenantTokensOf(opts);
    if (!token && tenantTokens.length === 0) {
      throw new UsageError('serve needs an API token: --token TOKEN, LOGATLAS_TOKEN or --tenant-token TENANT=TOKEN (refusing to serve without one)');
    }
    const detection = opts.alertRules ? loadDetectionConfig(opts.alertRules) : DEFAULT_DETECTION_CONFIG;
    // The service (Fastify, SQLite, usearch, the Loki client) is imported only when it is about to run.
    const [{ buildApi }, { AtlasService, ConflictError }] = await Promise.all([
      import('../../service/api-server.js'),
      import('../../service/atlas-service.js'),
    ]);
    const log = (msg: string) => process.stderr.write(`logatlas serve: ${msg}\n`);
    const service = new AtlasService({
      storeDir: opts.store,
      logStore,
      defaultTenant: opts.tenant ?? 'default',
      defaultTenantIsLoki: opts.tenant !== undefined,
      detection,
      runner: {
        defaultBackfillMs: opts.backfill * 60_000,
        pollMs: opts.pollMs,
        lagMs: opts.lagMs,
        reclusterMs: opts.reclusterSeconds * 1000,
        threshold: opts.threshold,
        pageLimit: Math.min(opts.pageLimit, 5000),
      },
      startModel: () => startModel(opts),
      log,
    });
    const tenant = service.options.defaultTenant;
    for (const w of opts.watch) {
      const existing = service.runner(tenant, w.name);
      if (existing && existing.def.selector !== w.selector) {
        await service.close();
        throw new UsageError(
          `watch ${w.name} already exists in ${opts.store} with selector ${existing.def.selector}; delete it (DELETE /api/v1/watches/${w.name}) or choose another name`,
        );
      }
      if (!existing) {
        try {
          service.addWatch(tenant, w);
        } catch (err) {
          if (!(err instanceof ConflictError)) {
            await service.close();
            throw new UsageError(`--watch ${w.name}: ${(err as Error).message}`);
          }
        }
      }
    }
    // the service's watches already run: close it on any start-up failure, or the process stays alive
    let app: ReturnType<typeof buildApi>;
    try {
      app = buildApi(service, { token, tenantTokens, log });
    } catch (err) {
      await service.close();
      throw err;
    }
    let address: string;
    try {
      address = await app.listen({ port: opts.port, host: opts.host });
    } catch (err) {
      await service.close();
      throw new UsageError(`cannot listen on ${opts.host}:${opts.port}: ${(err as Error).message}`);
    }
    const names = service.watches(tenant).map((w) => w.def.name);
    log(`listening on ${address} (store ${opts.store}; watches: ${names.join(', ') || 'none'})`);
    await new Promise<void>((resolve) => {
      const stop = async () => {
        log('stopping');
        await app.close();
        await service.close();
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}

function collectWatch(value: string, previous: Array<{ name: string; selector: string }>) {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`--watch expects NAME='{selector}', got "${value}"`);
  return [...previous, { name: value.slice(0, eq), selector: value.slice(eq + 1) }];
}

function nonNegativePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port expects 0..65535, got "${value}"`);
  return n;
}

/** Tenant tokens from the flags, the file and LOGATLAS_TENANT_TOKENS; a malformed one is a usage error. */
function tenantTokensOf(opts: ServeOptions): TenantToken[] {
  try {
    return [
      ...opts.tenantToken.map((t, i) => parseTenantToken(t, `--tenant-token #${i + 1}`)),
      ...(opts.tenantTokensFile ? readTenantTokenFile(opts.tenantTokensFile) : []),
      ...tenantTokensFromEnv(process.env.LOGATLAS_TENANT_TOKENS, 'LOGATLAS_TENANT_TOKENS'),
    ];
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

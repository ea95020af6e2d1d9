// A real VictoriaLogs for tests, benches and demos: startVictoriaLogs() runs tools/victorialogs/run.mjs
// (which builds the binary on first use) on a free loopback port with a fresh data folder; stop() ends it
// with its whole process group, restart() brings it back on the same port and data.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LokiHttp } from '../loki/http.js';
import { push, type PushEntry } from '../loki/push.js';
import { forceFlush } from './http.js';
import { parseTenant, tenantHeaders } from './tenant.js';

export interface LocalVictoriaLogs {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dir: string;
  port: number;
  /** Makes everything pushed so far searchable now (rows otherwise become visible after about a second). */
  flush(): Promise<void>;
  /** Pushes entries through VictoriaLogs' Loki push API (as a tenant `N` or `N:M`), then flushes. */
  push(entries: PushEntry[], tenant?: string): Promise<void>;
  /** A client of the Loki push API VictoriaLogs serves (for pushes that must not flush). */
  pushClient(tenant?: string): LokiHttp;
  /** Stops it (SIGTERM to its process group, SIGKILL after 10 s) and deletes a temporary dir. */
  stop(): Promise<void>;
  /** Stops it and starts it again on the same port and data; resolves when ready. */
  restart(): Promise<void>;
}

const runScript = findRunScript();

export async function startVictoriaLogs(opts: { dir?: string } = {}): Promise<LocalVictoriaLogs> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'logatlas-vl-'));
  const port = await freePort();
  const args = [runScript, '--port', String(port), '--dir', dir];
  let child = await launch(args);
  const url = `http://127.0.0.1:${port}`;
  const stopProcess = async () => {
    const c = child;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    killGroup(c, 'SIGTERM');
    const timer = setTimeout(() => killGroup(c, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    killGroup(c, 'SIGKILL');
  };
  const vl: LocalVictoriaLogs = {
    url,
    dir,
    port,
    flush: () => forceFlush(url),
    async push(entries, tenant) {
      await push(vl.pushClient(tenant), entries);
      await vl.flush();
    },
    pushClient(tenant) {
      return new LokiHttp({ url: `${url}/insert`, headers: tenantHeaders(tenant === undefined ? undefined : parseTenant(tenant)) });
    },
    async stop() {
      await stopProcess();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopProcess();
      child = await launch(args);
    },
  };
  return vl;
}

/** Starts run.mjs in its own process group and resolves once it reports VictoriaLogs ready. */
function launch(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const reap = () => killGroup(child, 'SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, output.length - 200);
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onStdout = (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('victorialogs ready ')) {
        child.stdout!.off('data', onStdout);
        child.stdout!.resume();
        child.off('exit', onEarlyExit);
        resolve(child);
      }
    };
    const onEarlyExit = (code: number | null, signal: string | null) => {
      reject(new Error(`VictoriaLogs (${args.join(' ')}) exited before ready (${signal ?? `exit ${code}`}):\n${output.join('').slice(-4000)}`));
    };
    child.stdout!.on('data', onStdout);
    child.once('exit', onEarlyExit);
    child.once('error', reject);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** tools/victorialogs/run.mjs, found from here in the source tree and in build/. */
function findRunScript(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tools', 'victorialogs', 'run.mjs');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`tools/victorialogs/run.mjs not found above ${fileURLToPath(import.meta.url)}`);
  }
}

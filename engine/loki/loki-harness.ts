// A real Loki for tests and demos: startLoki() runs tools/loki/run.mjs (which builds Loki on first use)
// on free loopback ports with a fresh data directory, and stop() ends it with its whole process group,
// so that no Loki outlives the test that started it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StartLokiOptions {
  /** auth_enabled: every request must name its tenant (X-Scope-OrgID). Default false. */
  auth?: boolean;
  /** Data directory; default a new temporary one, deleted by stop(). */
  dir?: string;
  /** Loki's log level (its output goes to this process's stderr only when it fails to start). */
  logLevel?: string;
}

export interface LocalLoki {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dir: string;
  port: number;
  grpcPort: number;
  /** Stops Loki (SIGTERM to its process group, SIGKILL after 10 s) and deletes a temporary dir. */
  stop(): Promise<void>;
  /** Stops Loki and starts it again on the same ports and data (WAL replay); resolves when ready. */
  restart(): Promise<void>;
}

const runScript = findRunScript();

export async function startLoki(opts: StartLokiOptions = {}): Promise<LocalLoki> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'logatlas-loki-'));
  const [port, grpcPort] = await freePorts(2);
  const args = [runScript, '--port', String(port), '--grpc-port', String(grpcPort), '--dir', dir, '--log-level', opts.logLevel ?? 'warn'];
  if (opts.auth) args.push('--auth');

  let child = await launch(args);
  const stopProcess = async () => {
    const c = child;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    killGroup(c, 'SIGTERM');
    const timer = setTimeout(() => killGroup(c, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    killGroup(c, 'SIGKILL'); // anything left in the group
  };
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    port,
    grpcPort,
    async stop() {
      await stopProcess();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopProcess();
      child = await launch(args);
    },
  };
}

/** Starts run.mjs in its own process group and resolves once it reports Loki ready. */
function launch(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave a Loki behind, even when a test process exits without stopping it.
  const reap = () => killGroup(child, 'SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));

  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stderr!.on('data', remember);
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onStdout = (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('loki ready ')) {
        child.stdout!.off('data', onStdout);
        child.stdout!.resume(); // keep draining, or Loki blocks on a full pipe
        child.off('exit', onEarlyExit);
        resolve(child);
      }
    };
    const onEarlyExit = (code: number | null, signal: string | null) => {
      reject(new Error(`Loki (${args.join(' ')}) exited before ready (${signal ?? `exit ${code}`}):\n${output.join('').slice(-4000)}`));
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

/** Distinct loopback ports that were free a moment ago (the OS picks them). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => resolve(srv));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** tools/loki/run.mjs, found from here in the source tree (engine/loki) and in build/ (build/engine/loki). */
function findRunScript(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tools', 'loki', 'run.mjs');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('tools/loki/run.mjs not found above ' + fileURLToPath(import.meta.url));
  }
}

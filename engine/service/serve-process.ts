// Test fixture: `logatlas serve` as a child process (the real binary), started on a free port and killed
// with SIGKILL, for the crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/logatlas.js', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  url: string;
}

/**
 * The crash tests' watch: `app` = {job="app"} in a VictoriaLogs at `storeUrl`, backfilling 10 s and polling
 * every 100 ms behind a 2.5 s lag (rows are searchable about 1 s after a push).
 */
export function appWatchArgs(storeUrl: string, store: string, token: string): string[] {
  return [
    '--victorialogs',
    storeUrl,
    '--watch',
    'app={job="app"}',
    '--store',
    store,
    '--token',
    token,
    '--backfill',
    '10',
    '--poll-ms',
    '100',
    '--lag-ms',
    '2500',
  ];
}

/** Starts `logatlas serve ARGS --port 0` and resolves with its URL once it says it is listening. */
export function startServeProcess(args: string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/[^ ]+)/.exec(err);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code, signal) => reject(new Error(`serve exited (${signal ?? code}) before listening: ${err}`)));
  });
}

/** SIGKILL, resolved once the process is gone. */
export function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

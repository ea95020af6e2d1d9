#!/usr/bin/env node
// Runs a real VictoriaLogs on 127.0.0.1 for tests and demos, in the foreground:
//   node tools/victorialogs/run.mjs --port 9428 --dir /tmp/vl
//   node tools/victorialogs/run.mjs --build-only
// Builds the binary first if needed (build.mjs), starts it on loopback only, with the retention that
// keeps old replayed logs (VictoriaLogs drops entries older than its retention silently) and Loki-pushed
// lines kept as they are (without -loki.disableMessageParsing, JSON-looking lines are split into
// fields), prints `victorialogs ready http://127.0.0.1:PORT (pid N, dir DIR)` once /health answers,
// forwards SIGINT/SIGTERM/SIGHUP and exits with its exit code.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBinary } from './build.mjs';

const usage = 'usage: node tools/victorialogs/run.mjs --port P --dir DIR [--ready-timeout S] | --build-only';
function fail(msg) {
  process.stderr.write(`victorialogs: ${msg}\n${usage}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      dir: { type: 'string' },
      'ready-timeout': { type: 'string', default: '60' },
      'build-only': { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  fail(err.message);
}

const bin = await ensureBinary();
if (args['build-only']) {
  process.stdout.write(`victorialogs binary: ${bin}\n`);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail('--port must be a TCP port');
if (!args.dir) fail('--dir is required');
const dir = resolve(args.dir);
mkdirSync(dir, { recursive: true });

const child = spawn(
  bin,
  [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${dir}`,
    '-retentionPeriod=100y',
    '-loki.disableMessageParsing',
    '-loggerLevel=WARN',
  ],
  { cwd: dir, stdio: 'inherit' },
);
child.on('error', (err) => fail(`cannot start ${bin}: ${err.message}`));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, sig) => process.exit(code ?? 128 + (constants.signals[sig] ?? 0)));

const url = `http://127.0.0.1:${port}`;
const deadline = Date.now() + Number(args['ready-timeout']) * 1000;
for (;;) {
  if (child.exitCode !== null) break;
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    if (res.ok) {
      process.stdout.write(`victorialogs ready ${url} (pid ${child.pid}, dir ${dir})\n`);
      break;
    }
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    process.stderr.write(`victorialogs: not ready after ${args['ready-timeout']} s\n`);
    child.kill('SIGKILL');
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}

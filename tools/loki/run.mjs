#!/usr/bin/env node
// Runs a real Loki on 127.0.0.1 for tests and demos, in the foreground:
//   node tools/loki/run.mjs --port 3100 --dir /tmp/loki [--grpc-port 9095] [--auth] [--log-level info]
//   node tools/loki/run.mjs --build-only
// Builds the binary first if needed (see build.mjs), writes DIR/loki.yaml, starts Loki, prints one line
// `loki ready http://127.0.0.1:PORT (pid N, dir DIR)` once it answers queries, forwards SIGINT/SIGTERM/SIGHUP,
// and exits with Loki's exit code.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureLokiBinary } from './build.mjs';
import { lokiConfigYaml } from './config.mjs';

const usage = 'usage: node tools/loki/run.mjs --port P --dir DIR [--grpc-port G] [--auth] [--log-level L] | --build-only';

function fail(msg) {
  process.stderr.write(`loki: ${msg}\n${usage}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      'grpc-port': { type: 'string' },
      dir: { type: 'string' },
      auth: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'warn' },
      'ready-timeout': { type: 'string', default: '60' },
      'build-only': { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  fail(err.message);
}

const binary = await ensureLokiBinary();
if (args['build-only']) {
  process.stdout.write(`loki binary: ${binary}\n`);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail('--port must be a TCP port');
// Loki's gRPC listener must not collide with another instance's default 9095; derive it from --port.
const grpcPort = args['grpc-port'] ? Number(args['grpc-port']) : port + 1;
if (!Number.isInteger(grpcPort) || grpcPort <= 0 || grpcPort > 65535) fail('--grpc-port must be a TCP port');
if (!args.dir) fail('--dir is required');

const dir = resolve(args.dir);
mkdirSync(dir, { recursive: true });
const configFile = join(dir, 'loki.yaml');
writeFileSync(configFile, lokiConfigYaml({ port, grpcPort, dir, auth: args.auth, logLevel: args['log-level'] }));

const child = spawn(binary, [`-config.file=${configFile}`], { cwd: dir, stdio: 'inherit' });
child.on('error', (err) => fail(`cannot start ${binary}: ${err.message}`));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, sig) => {
  process.exit(code ?? 128 + (constants.signals[sig] ?? 0));
});

const url = `http://127.0.0.1:${port}`;
// /ready answers before the query scheduler has joined its ring, and until then the first query waits
// ~2 s. "Ready" here means both: /ready, then a labels query answered through the whole read path.
const probes = [
  { path: '/ready', headers: {} },
  { path: '/loki/api/v1/labels?since=1m', headers: args.auth ? { 'X-Scope-OrgID': 'run-mjs-probe' } : {} },
];
const deadline = Date.now() + Number(args['ready-timeout']) * 1000;
for (const probe of probes) {
  if (!(await waitFor(probe))) break;
}

async function waitFor({ path, headers }) {
  for (;;) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url + path, { headers, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.ok) {
        if (path === probes[probes.length - 1].path) process.stdout.write(`loki ready ${url} (pid ${child.pid}, dir ${dir})\n`);
        return true;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.stderr.write(`loki: ${url}${path} did not answer within ${args['ready-timeout']} s; stopping\n`);
      child.kill('SIGTERM');
      return false;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

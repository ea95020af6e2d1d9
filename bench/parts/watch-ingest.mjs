// Watch ingest from a real VictoriaLogs: OpenSSH_2k pushed `--repeat` times (timestamps spread over the
// last 30 minutes, so the lines are stored before the watch starts), then the real `logatlas serve`
// backfills them through pages of 1,000 with one transaction each. Measured from the first counted
// batch (the model has loaded and the few patterns are embedded by then) to the last line: the rate of
// a watch whose patterns are known, which is the steady state of a watch that has run for a while.
//
// Usage: node bench/parts/watch-ingest.mjs [--repeat 20]
import { spawnServe } from './serve.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASETS, emit, log, parseArgs, round } from './common.mjs';
import { serviceModules } from './engine.mjs';

const args = parseArgs();
const repeat = Number(args.repeat ?? 20);
const m = await serviceModules();
const file = DATASETS['loghub-2k'].find((f) => f.includes('OpenSSH'));
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const total = lines.length * repeat;
const store = await m.startVictoriaLogs();
const storeDir = mkdtempSync(join(tmpdir(), 'logatlas-ingest-bench-'));
let serve;
try {
  const http = store.pushClient();
  const start = BigInt(Date.now() - 30 * 60_000) * 1_000_000n;
  const stepNs = (30n * 60_000_000_000n) / BigInt(total);
  log('watch-ingest', `pushing ${total} lines`);
  const entries = function* () {
    for (let i = 0; i < total; i++) yield { stream: { job: 'bench', host: `h${i % 4}` }, tsNs: start + BigInt(i) * stepNs, line: lines[i % lines.length] };
  };
  await m.push(http, entries());
  await store.flush();
  const TOKEN = 'bench';
  const started = spawnServe(['--victorialogs', store.url, '--store', storeDir, '--port', '0', '--token', TOKEN, '--watch', 'ssh={job="bench"}', '--backfill', '40']);
  serve = started.child;
  const url = await started.url;
  const events = async () => (await (await fetch(`${url}/api/v1/stats?watch=ssh`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()).events;
  let first;
  let last;
  for (;;) {
    const n = await events();
    const t = performance.now();
    if (n > 0 && !first) first = { n, t };
    if (n >= total) {
      last = { n, t };
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (last.t - first.t) / 1000;
  const cpu = process.resourceUsage();
  const result = { part: 'watch-ingest', lines: total, measuredLines: last.n - first.n, seconds: round(seconds, 2), linesPerSec: round((last.n - first.n) / seconds, 0), pageLimit: 1000, benchCpuUserMs: round(cpu.userCPUTime / 1000) };
  log('watch-ingest', `${result.linesPerSec} lines/s`);
  emit(result);
} finally {
  serve?.kill('SIGTERM');
  if (serve) await new Promise((r) => serve.once('exit', r));
  await store.stop();
  rmSync(storeDir, { recursive: true, force: true });
}

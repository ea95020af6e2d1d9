// One client's cost of a day of volumes at 5 min that the read cache cannot answer: `logatlas serve` runs
// on a store built by service-api.mjs (--store-dir there), and one client asks for
// /volumes?from=F&to=T&step=300 with a different F each time (T − F about a day), one request at a time,
// so each figure is what one request costs the server's main thread plus the HTTP round trip; the same
// request answered from the read cache afterwards gives the round trip alone.
// The sha256 of all answers is printed too: the store is not written meanwhile (no log store to read),
// so two builds that answer alike print the same digest.
//
// Usage: node bench/parts/volumes-day.mjs --store DIR [--requests 200] [--warmup 50] [--cpu-prof DIR]
// DIR is served in place (the engine may migrate its schema): pass a copy, not the kept store.
// --cpu-prof writes the server's CPU profile (of the measured requests and the warmup) into that directory.
import { spawnServe } from './serve.mjs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emit, latencySummary, log, parseArgs } from './common.mjs';

const args = parseArgs();
if (typeof args.store !== 'string') throw new Error('volumes-day: --store DIR (a copy of a store built by service-api.mjs --store-dir) is required');
const requests = Number(args.requests ?? 200);
const warmup = Number(args.warmup ?? 50);
const DAY = 86_400_000;
const TOKEN = 'bench-token';
const now = Number(readFileSync(join(args.store, 'bench-now.txt'), 'utf8'));

const profile = typeof args['cpu-prof'] === 'string' ? ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']] : [];
const { child: serve, url: listening } = spawnServe(['--loki', 'http://127.0.0.1:9', '--store', args.store, '--port', '0', '--token', TOKEN], profile);
const url = await listening;

const headers = { Authorization: `Bearer ${TOKEN}` };
const get = async (i) => {
  const res = await fetch(`${url}/api/v1/volumes?watch=bench&from=${now - DAY + i * 1000}&to=${now}&step=300`, { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`/volumes → ${res.status} ${text.slice(0, 200)}`);
  return text;
};

try {
  // Warm up (the first read loads the in-memory series; the JIT settles) on ranges not measured after.
  for (let i = 0; i < warmup; i++) await get(requests + i + 1);
  const latencies = [];
  const digest = createHash('sha256');
  let bytes = 0;
  for (let i = 1; i <= requests; i++) {
    const t0 = performance.now();
    const body = await get(i);
    latencies.push(performance.now() - t0);
    digest.update(body);
    bytes = body.length;
  }
  const summary = latencySummary(latencies);
  const sha256 = digest.digest('hex');
  // The floor: the same answer from the read cache (HTTP and 63 kB over loopback, nothing computed).
  const hits = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    await get(1);
    hits.push(performance.now() - t0);
  }
  const cached = latencySummary(hits);
  log('volumes-day', `1 client, ${requests} requests: p50 ${summary.p50} ms, p95 ${summary.p95} ms; ${bytes} bytes; answers sha256 ${sha256}`);
  log('volumes-day', `the same answer from the read cache: p50 ${cached.p50} ms, p95 ${cached.p95} ms`);
  emit({ part: 'volumes-day', requests, ...summary, responseBytes: bytes, sha256, cached: { p50: cached.p50, p95: cached.p95 } });
} finally {
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('exit', r));
}

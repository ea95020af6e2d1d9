// HTTP API latency of `logatlas serve` over a watch store holding 100,000 patterns: a store is built
// directly (synthetic patterns, random unit vectors, a day of 10 s buckets, outliers and clusters), the
// real `logatlas serve` runs on it as a child process, and 50 concurrent clients (this process) call
// each route in turn. Panel and alert reads come from SQLite; /similar by pattern reads a cached
// vector and searches the index; /similar by line embeds the line (one model call per request).
//
// Usage: node bench/parts/service-api.mjs [--patterns 100000] [--clients 50] [--requests 1000] [--store-dir DIR]
// --store-dir keeps the built store there and reuses it when it exists (building takes minutes).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, latencySummary, log, parseArgs, repoRoot, round, seededRandom, stopwatch } from './common.mjs';
import { serviceModules } from './engine.mjs';

const args = parseArgs();
const nPatterns = Number(args.patterns ?? 100_000);
const clients = Number(args.clients ?? 50);
const requests = Number(args.requests ?? 1000);
const DIM = 384;
const DAY = 86_400_000;
const TOKEN = 'bench-token';
const random = seededRandom(11);
const m = await serviceModules();

const keepStore = typeof args['store-dir'] === 'string';
const storeDir = keepStore ? args['store-dir'] : mkdtempSync(join(tmpdir(), 'logatlas-api-bench-'));
const reuse = keepStore && existsSync(join(storeDir, 'bench-now.txt')); // written last: a complete store
if (keepStore) mkdirSync(storeDir, { recursive: true });
const now = reuse ? Number(readFileSync(join(storeDir, 'bench-now.txt'), 'utf8')) : Math.floor(Date.now() / 10_000) * 10_000;
const buildStop = stopwatch();
if (!reuse) {
  const registry = new m.WatchRegistry(storeDir);
  registry.add({ tenant: 'default', name: 'bench', selector: '{job="bench"}', backfillFromMs: now, createdMs: now });
  registry.close();
  const baseline = m.Baseline.open(m.watchDir(storeDir, 'default', 'bench'), { create: true });
  baseline.ensureConfig(m.watchBaselineConfig({ model: 'Xenova/all-MiniLM-L6-v2', dtype: 'q8', dim: DIM, maxTokens: 128 }));
  const words = ['alpha', 'bravo', 'cache', 'delta', 'error', 'fetch', 'gamma', 'host', 'index', 'join', 'kernel', 'lock', 'merge', 'node', 'order', 'parse', 'queue', 'retry', 'shard', 'token'];
  // Letters only: a token with a digit is a value to the template layer, not a word.
  const word = (i) => `${words[i % 20]}${words[Math.floor(i / 20) % 20]}${words[Math.floor(i / 400) % 20]}${words[Math.floor(i / 8000) % 20]}`;
  log('service-api', `adding ${nPatterns} patterns`);
  for (let i = 0; i < nPatterns; i++) {
    // Four words of six unique to the pattern: distinct events to the template layer (lines that share
    // most of their words and differ in one position would become one template with a parameter).
    const canonical = `${word(i)} ${word(i + 20_011)} ${word(i + 40_009)} ${word(i + 60_013)} failed after <NUM>`;
    const event = { raw: canonical, text: canonical, labels: { job: 'bench', host: `h${i % 10}` }, metadata: {}, seq: i, origin: 'bench', timestampNs: BigInt(now - DAY) * 1_000_000n };
    const { pattern } = baseline.patterns.add(event, { canonical, entities: [{ kind: 'ip', value: `10.0.${i % 250}.${i % 13}` }] });
    pattern.count = 1 + Math.floor(1000 * random() ** 8);
  }
  if (baseline.patterns.size !== nPatterns) throw new Error(`the synthetic patterns made ${baseline.patterns.size} templates, not ${nPatterns}`);
  // Vectors: mixtures of 300 random directions plus a little noise. Purely random 384-d vectors are the
  // HNSW worst case (no structure at all) and take many minutes to insert here; real pattern vectors
  // cluster, as these do.
  log('service-api', 'adding vectors');
  const unit = (v) => {
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += v[d] * v[d];
    for (let d = 0; d < DIM; d++) v[d] /= Math.sqrt(norm);
    return v;
  };
  const bases = Array.from({ length: 300 }, () => unit(Float32Array.from({ length: DIM }, () => random() - 0.5)));
  for (let start = 1; start <= nPatterns; start += 5000) {
    const entries = [];
    for (let key = start; key < Math.min(start + 5000, nPatterns + 1); key++) {
      const a = bases[key % 300];
      const b = bases[Math.floor(random() * 300)];
      const w = 0.7 + 0.3 * random();
      entries.push({ key, canonical: baseline.patterns.getByKey(key).canonical, vector: unit(Float32Array.from({ length: DIM }, (_, d) => w * a[d] + (1 - w) * b[d] + 0.02 * (random() - 0.5))) });
    }
    baseline.addVectors(entries);
    log('service-api', `vectors: ${Math.min(start + 4999, nPatterns)}`);
  }
  const store = new m.SqliteWatchStore(baseline);
  const streams = Array.from({ length: 10 }, (_, i) => store.streamId(`{host="h${i}", job="bench"}`));
  log('service-api', 'adding a day of buckets, outliers and clusters');
  let events = 0;
  for (let t = now - DAY; t < now; t += 3_600_000) {
    const buckets = [];
    for (let b = t; b < t + 3_600_000; b += 10_000) {
      for (let j = 0; j < 40; j++) {
        const count = 1 + Math.floor(random() * 20);
        buckets.push({ bucketMs: b, patternKey: 1 + Math.floor(nPatterns * random() ** 3), streamId: streams[j % 10], count });
        events += count;
      }
    }
    const outliers = Array.from({ length: 200 }, (_, i) => ({
      timeMs: t + i * 18_000, tsNs: `${t + i * 18_000}000000`, kind: 'distance', score: random(), reasons: ['unlike anything known: synthetic'],
      line: `synthetic outlier ${i}`, labels: { job: 'bench' }, patternId: baseline.patterns.getByKey(1 + i).id, nearestPatternId: null,
      nearestCanonical: null, distance: 0.6, cluster: null, rule: null,
    }));
    store.commitIngest({ buckets, entities: [], links: [], outliers, cursor: { cursorNs: BigInt(t) * 1_000_000n, seen: [], events, lastEventNs: BigInt(t) * 1_000_000n } });
  }
  const placements = [];
  for (let key = 1; key <= nPatterns; key++) placements.push({ patternKey: key, cluster: key % 10 === 0 ? -1 : key % 300, x: random() * 20, y: random() * 20 });
  const clusters = Array.from({ length: 300 }, (_, id) => ({ id, label: `cluster ${id}`, size: 1000, patterns: 300, topEntities: [] }));
  store.replaceClusters(placements, clusters);
  baseline.save();
  baseline.close();
  writeFileSync(join(storeDir, 'bench-now.txt'), String(now));
}
const buildSeconds = round(buildStop().wallSeconds, 1);
log('service-api', `store built in ${buildSeconds} s; starting logatlas serve`);

const serve = spawn(process.execPath, [join(repoRoot, 'bin/logatlas.js'), 'serve', '--loki', 'http://127.0.0.1:9', '--store', storeDir, '--port', '0', '--token', TOKEN], {
  stdio: ['ignore', 'ignore', 'pipe'],
  env: { ...process.env, LOGATLAS_MODEL_DIR: process.env.LOGATLAS_MODEL_DIR ?? join(repoRoot, '..', 'shared', 'models') },
});
const url = await new Promise((resolve, reject) => {
  let err = '';
  serve.stderr.on('data', (c) => {
    err += c;
    const found = /listening on (http:\/\/\S+)/.exec(err);
    if (found) resolve(found[1]);
  });
  serve.stderr.on('data', (c) => {
    if (!/cannot reach Loki/.test(String(c))) process.stderr.write(`[serve] ${c}`);
  });
  serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
});
const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const call = async (path, body) => {
  const res = await fetch(url + '/api/v1' + path, body ? { method: 'POST', headers, body: JSON.stringify(body) } : { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text.slice(0, 200)}`);
  return text.length;
};
// Ready when the model has loaded (similar by pattern answers).
for (let i = 0; ; i++) {
  try {
    await call('/similar', { watch: 'bench', pattern: '0', k: 1 }).catch((e) => {
      if (!/404/.test(String(e))) throw e;
    });
    break;
  } catch (err) {
    if (i > 600) throw err;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const from = now - DAY;
const routes = {
  stats: () => call('/stats?watch=bench'),
  volumes: () => call(`/volumes?watch=bench&from=${from}&to=${now}&step=300`),
  // Every request a different (last-hour) range: no answer can come from the read cache.
  volumesUncached: (i) => call(`/volumes?watch=bench&from=${now - 3_600_000 + i}&to=${now}&step=60`),
  volumesLastHour: () => call(`/volumes?watch=bench&from=${now - 3_600_000}&to=${now}&step=60`),
  volumesLabelFilter: () => call(`/volumes?watch=bench&from=${now - 3_600_000}&to=${now}&step=60&labels=${encodeURIComponent('{host="h3"}')}`),
  outliers: () => call(`/outliers?watch=bench&from=${from}&to=${now}&limit=100`),
  countsOutliers: () => call(`/counts?watch=bench&from=${from}&to=${now}&step=60&kind=outliers`),
  clusters: () => call('/clusters?watch=bench'),
  similarByPattern: (i) => call('/similar', { watch: 'bench', pattern: patternIds[i % patternIds.length], k: 10 }),
  similarByLine: (i) => call('/similar', { watch: 'bench', line: `service node${i} request to db-${i}.example failed after ${i} ms`, k: 10 }),
};
const patternIds = JSON.parse(await (await fetch(`${url}/api/v1/scatter?watch=bench&limit=200`, { headers })).text()).points.map((p) => p.pattern);

async function load(name, fn, n, concurrency = clients) {
  const latencies = [];
  let next = 0;
  let bytes = 0;
  const stop = stopwatch();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        bytes = await fn(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wall = stop().wallSeconds;
  const summary = { ...latencySummary(latencies), requestsPerSec: round(n / wall, 1), responseBytes: bytes };
  log('service-api', `${name}: p50 ${summary.p50} ms, p95 ${summary.p95} ms, ${summary.requestsPerSec} req/s`);
  return summary;
}

const result = { part: 'service-api', patterns: nPatterns, clients, storeBuildSeconds: reuse ? null : buildSeconds, routes: {} };
try {
  for (const [name, fn] of Object.entries(routes)) {
    const t0 = performance.now();
    await fn(0); // the first answer (cold: computed, not cached)
    const firstMs = round(performance.now() - t0, 1);
    const n = name === 'similarByLine' ? Math.min(200, requests) : name === 'volumesUncached' ? Math.min(100, requests) : requests;
    const f = name === 'volumesUncached' ? (i) => fn(i + 1) : fn;
    // One client alone: the time a request takes without queueing behind 49 others.
    const alone = await load(`${name} (1 client)`, name === 'volumesUncached' ? (i) => fn(i + 1000) : fn, Math.min(50, n), 1);
    result.routes[name] = { firstMs, ...(await load(name, f, n)), oneClient: { p50: alone.p50, p95: alone.p95 } };
  }
} finally {
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('exit', r));
  if (!keepStore) rmSync(storeDir, { recursive: true, force: true });
}
emit(result);

// HTTP API latency of `logatlas serve` over a watch store holding 100,000 patterns: a store is built
// directly (synthetic patterns, random unit vectors, a day of 10 s buckets, outliers and clusters), the
// real `logatlas serve` runs on it as a child process, and 50 concurrent clients (this process) call
// each route in turn. Panel and alert reads come from SQLite; /similar by pattern reads a cached
// vector and searches the index; /similar by line embeds the line (one model call per request).
//
// With --ingest-rate R the reads run while the same watch ingests: OpenSSH_2k lines of the watch's own
// stream are pushed to a real VictoriaLogs beforehand with timestamps R per second from just after the
// push into the future, so the watch (following with its usual 2 s lag) counts R lines/s whatever the
// machine does; the reads see its commits (the read cache's version moves with every batch). Per route
// the part prints the lines/s the watch reached meanwhile and the event loop delay of the server's main
// thread (bench/parts/loop-delay-probe.mjs, loaded with --import).
//
// Every route is first called by the 50 clients for a while unmeasured (their connections open, both
// sides' code is compiled, as for dashboards already open); then each route is loaded for at least
// --seconds (and --requests), long enough to span several of the watch's polls and commits.
//
// Usage: node bench/parts/service-api.mjs [--patterns 100000] [--clients 50] [--requests 1000] [--seconds 3]
//                                         [--store-dir DIR] [--ingest-rate 5500] [--ingest-seconds 240]
//                                         [--cpu-prof DIR] [--serve-node-args="--trace-gc ..."]
// --cpu-prof writes the server's CPU profiles (main thread and workers) to DIR when it stops;
// --serve-node-args passes more Node options to the server.
// --store-dir keeps the built store there and reuses it when it exists (building takes minutes); the
// server runs on a copy of it, so the kept store stays as built.
import { spawnServe } from './serve.mjs';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASETS, emit, latencySummary, log, parseArgs, repoRoot, round, seededRandom, stopwatch } from './common.mjs';
import { serviceModules } from './engine.mjs';

const args = parseArgs();
const nPatterns = Number(args.patterns ?? 100_000);
const clients = Number(args.clients ?? 50);
const requests = Number(args.requests ?? 1000);
const seconds = Number(args.seconds ?? 3);
const ingestRate = Number(args['ingest-rate'] ?? 0);
const ingestSeconds = Number(args['ingest-seconds'] ?? 240);
const DIM = 384;
const DAY = 86_400_000;
const TOKEN = 'bench-token';
const random = seededRandom(11);
const m = await serviceModules();

const keepStore = typeof args['store-dir'] === 'string';
const storeDir = keepStore ? args['store-dir'] : mkdtempSync(join(tmpdir(), 'logatlas-api-bench-'));
const reuse = keepStore && existsSync(join(storeDir, 'bench-now.txt')); // written last: a complete store
if (keepStore) mkdirSync(storeDir, { recursive: true });
const storeNow = reuse ? Number(readFileSync(join(storeDir, 'bench-now.txt'), 'utf8')) : Math.floor(Date.now() / 10_000) * 10_000;
const now0 = storeNow;
const buildStop = stopwatch();
if (!reuse) {
  const registry = new m.WatchRegistry(storeDir);
  registry.add({ tenant: 'default', name: 'bench', selector: '{job="bench"}', backfillFromMs: now0, createdMs: now0 });
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
    const event = { raw: canonical, text: canonical, labels: { job: 'bench', host: `h${i % 10}` }, metadata: {}, seq: i, origin: 'bench', timestampNs: BigInt(now0 - DAY) * 1_000_000n };
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
  for (let t = now0 - DAY; t < now0; t += 3_600_000) {
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
  writeFileSync(join(storeDir, 'bench-now.txt'), String(now0));
}
const buildSeconds = round(buildStop().wallSeconds, 1);
log('service-api', `store built in ${buildSeconds} s; starting logatlas serve`);

// A kept store is served from a copy: ingest changes it, and so does a newer engine's schema migration,
// and the next run (perhaps of another build) must find it as built.
let serveStore = storeDir;
if (keepStore) {
  serveStore = mkdtempSync(join(tmpdir(), 'logatlas-api-bench-run-'));
  cpSync(storeDir, serveStore, { recursive: true });
}
// With ingest: a real VictoriaLogs holding the lines to come.
let victoria;
let ingestStartMs;
if (ingestRate > 0) {
  victoria = await m.startVictoriaLogs();
  const lines = readFileSync(DATASETS['loghub-2k'].find((f) => f.includes('OpenSSH')), 'utf8').split('\n').filter(Boolean);
  const total = Math.round(ingestRate * ingestSeconds);
  // Lead: the push itself (about 40,000 lines/s here) and the server's start with its model.
  ingestStartMs = Date.now() + Math.round(total / 40) + 20_000;
  const stepNs = BigInt(Math.round(1e9 / ingestRate));
  log('service-api', `pushing ${total} lines to VictoriaLogs, due at ${ingestRate}/s from ${new Date(ingestStartMs).toISOString()}`);
  const entries = function* () {
    for (let i = 0; i < total; i++) yield { stream: { job: 'bench', host: `h${i % 4}` }, tsNs: BigInt(ingestStartMs) * 1_000_000n + BigInt(i) * stepNs, line: lines[i % lines.length] };
  };
  await m.push(victoria.pushClient(), entries());
  await victoria.flush();
}
const logStore = victoria ? ['--victorialogs', victoria.url] : ['--loki', 'http://127.0.0.1:9'];
const probe = join(repoRoot, 'bench/parts/loop-delay-probe.mjs');
const profile = [...(typeof args['cpu-prof'] === 'string' ? ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']] : []), ...String(args['serve-node-args'] ?? '').split(' ').filter(Boolean)];
const { child: serve, url: listening } = spawnServe([...logStore, '--store', serveStore, '--port', '0', '--token', TOKEN], [...profile, '--import', probe]);
const loopDelays = [];
let partial = '';
serve.stderr.on('data', (c) => {
  partial += c;
  const lines = partial.split('\n');
  partial = lines.pop();
  for (const line of lines) {
    const delay = /^\[loop-delay\] (.*)$/.exec(line);
    if (delay) loopDelays.push(JSON.parse(delay[1]));
    else if (!/cannot reach Loki/.test(line)) process.stderr.write(`[serve] ${line}\n`);
  }
});
const url = await listening;
/** The server's loop delay since the last call. */
const loopDelay = async () => {
  const n = loopDelays.length;
  serve.kill('SIGUSR2');
  for (let i = 0; i < 200 && loopDelays.length === n; i++) await new Promise((r) => setTimeout(r, 10));
  return loopDelays[n];
};
const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const call = async (path, body) => {
  const res = await fetch(url + '/api/v1' + path, body ? { method: 'POST', headers, body: JSON.stringify(body) } : { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text.slice(0, 200)}`);
  return text.length;
};
/** Answers kept with their tags, as the data source keeps them (pkg/plugin/engine_revalidation.go). */
const kept = new Map();
const revalidated = async (path) => {
  const k = kept.get(path);
  const res = await fetch(url + '/api/v1' + path, { headers: k ? { ...headers, 'If-None-Match': k.tag } : headers });
  const text = await res.text();
  if (res.status === 304 && k) return k.length;
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text.slice(0, 200)}`);
  kept.set(path, { tag: res.headers.get('etag'), length: text.length });
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

// Events the store held before the watch ingested anything (the lines due count from here).
const events = async () => JSON.parse(await (await fetch(`${url}/api/v1/stats?watch=bench`, { headers })).text()).events;
const storeEvents = await events();
// With ingest the reads are about the present (the lines arriving now), else about the store's day.
if (ingestRate > 0) {
  const wait = ingestStartMs + 5_000 - Date.now();
  if (wait > 0) {
    log('service-api', `waiting ${Math.round(wait / 1000)} s for ingest to start`);
    await new Promise((r) => setTimeout(r, wait));
  }
}
const now = ingestRate > 0 ? Math.floor(Date.now() / 10_000) * 10_000 : storeNow;
const from = now - DAY;
const routes = {
  stats: () => call('/stats?watch=bench'),
  volumes: () => call(`/volumes?watch=bench&from=${from}&to=${now}&step=300`),
  // Every request a different (last-hour) range: no answer can come from the read cache.
  volumesUncached: (i) => call(`/volumes?watch=bench&from=${now - 3_600_000 + i}&to=${now}&step=60`),
  // A day at 5 min, every request a different range: what a dashboard opened on the last 24 h costs.
  volumesDayUncached: (i) => call(`/volumes?watch=bench&from=${from + i * 1000}&to=${now}&step=300`),
  volumesLastHour: () => call(`/volumes?watch=bench&from=${now - 3_600_000}&to=${now}&step=60`),
  volumesLabelFilter: () => call(`/volumes?watch=bench&from=${now - 3_600_000}&to=${now}&step=60&labels=${encodeURIComponent('{host="h3"}')}`),
  outliers: () => call(`/outliers?watch=bench&from=${from}&to=${now}&limit=100`),
  countsOutliers: () => call(`/counts?watch=bench&from=${from}&to=${now}&step=60&kind=outliers`),
  countsEvents: () => call(`/counts?watch=bench&from=${from}&to=${now}&step=300&kind=events`),
  clusters: () => call('/clusters?watch=bench'),
  // The largest 50, as an alert rule or a table of the top clusters asks (the whole list is 200 kB once ingest made hundreds).
  clustersTop: () => call('/clusters?watch=bench&limit=50'),
  // The whole list asked as the Grafana data source asks it: sent with the tag of the answer it kept
  // (If-None-Match), a 304 and no body while no clustering changed the list.
  clustersRevalidated: () => revalidated('/clusters?watch=bench'),
  similarByPattern: (i) => call('/similar', { watch: 'bench', pattern: patternIds[i % patternIds.length], k: 10 }),
  similarByLine: (i) => call('/similar', { watch: 'bench', line: `service node${i} request to db-${i}.example failed after ${i} ms`, k: 10 }),
};
const patternIds = JSON.parse(await (await fetch(`${url}/api/v1/scatter?watch=bench&limit=200`, { headers })).text()).points.map((p) => p.pattern);

/** `concurrency` clients call fn until n calls were made and `minSeconds` passed. */
async function load(name, fn, n, concurrency = clients, minSeconds = 0) {
  const latencies = [];
  let next = 0;
  let bytes = 0;
  const stop = stopwatch();
  const untilMs = performance.now() + minSeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n || performance.now() < untilMs) {
        const i = next++;
        const t0 = performance.now();
        bytes = await fn(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wall = stop().wallSeconds;
  const summary = { ...latencySummary(latencies), requests: latencies.length, requestsPerSec: round(latencies.length / wall, 1), responseBytes: bytes };
  if (name) log('service-api', `${name}: p50 ${summary.p50} ms, p95 ${summary.p95} ms, ${summary.requestsPerSec} req/s`);
  return summary;
}

const uncached = new Set(['volumesUncached', 'volumesDayUncached']);
// Uncached routes get a range no request asked before (the read cache keeps every answer).
let fresh = 0;
const callOf = (name) => (uncached.has(name) ? () => routes[name](++fresh) : routes[name]);
const result = { part: 'service-api', patterns: nPatterns, clients, seconds, storeBuildSeconds: reuse ? null : buildSeconds, ingestRate: ingestRate || null, routes: {} };
log('service-api', 'warming up: every route, 50 clients, unmeasured');
for (const name of Object.keys(routes)) await load(undefined, callOf(name), name === 'similarByLine' || uncached.has(name) ? 50 : 300);
const readsStart = { events: await events(), ms: Date.now() };
try {
  for (const name of Object.keys(routes)) {
    if (victoria && Date.now() > ingestStartMs + ingestSeconds * 1000 - 10_000) log('service-api', `${name}: the pushed lines are used up: no ingest during this route`);
    const f = callOf(name);
    const t0 = performance.now();
    await f(0); // the first answer after the warm-up (computed if the watch changed since)
    const firstMs = round(performance.now() - t0, 1);
    const n = name === 'similarByLine' ? Math.min(200, requests) : uncached.has(name) ? Math.min(100, requests) : requests;
    // One client alone: the time a request takes without queueing behind 49 others.
    const alone = await load(`${name} (1 client)`, f, Math.min(50, n), 1);
    await loopDelay();
    const events0 = await events();
    const t1 = performance.now();
    const loaded = await load(name, f, n, clients, seconds);
    const ingestLinesPerSec = round(((await events()) - events0) / ((performance.now() - t1) / 1000), 0);
    const serverLoopDelay = await loopDelay();
    if (victoria) log('service-api', `${name}: ingest ${ingestLinesPerSec} lines/s meanwhile; server loop delay max ${serverLoopDelay?.maxMs} ms`);
    result.routes[name] = { firstMs, ...loaded, oneClient: { p50: alone.p50, p95: alone.p95 }, ...(victoria ? { ingestLinesPerSec } : {}), serverLoopDelay };
  }
  if (victoria) {
    // Over the whole read phase (1-client and 50-client loads): lines counted per second, and how far the
    // watch is behind the lines due by now (its 2 s lag included) when the reads end.
    const end = { events: await events(), ms: Date.now() };
    const dueBy = (ms) => Math.min(ingestRate * ingestSeconds, Math.max(0, Math.floor(((ms - 2000 - ingestStartMs) / 1000) * ingestRate)));
    const counted = end.events - storeEvents;
    result.ingestDuringReads = {
      seconds: round((end.ms - readsStart.ms) / 1000, 1),
      linesPerSec: round((end.events - readsStart.events) / ((end.ms - readsStart.ms) / 1000), 0),
      secondsBehindAtEnd: round((dueBy(end.ms) - counted) / ingestRate, 1),
    };
    log('service-api', `ingest over the read phase: ${JSON.stringify(result.ingestDuringReads)}`);
  }
} finally {
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('exit', r));
  await victoria?.stop();
  if (serveStore !== storeDir) rmSync(serveStore, { recursive: true, force: true });
  if (!keepStore) rmSync(storeDir, { recursive: true, force: true });
}
emit(result);

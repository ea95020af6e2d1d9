// `similar` latency with 100,000 patterns in the index. Embedding 100,000 real patterns would take
// about an hour here, so the index holds the real vectors of the sampled canonical forms plus synthetic
// ones: each a normalized random mixture of two real vectors plus small Gaussian noise.
// End to end for one raw query line = the engine's similarToLine (canonicalize + embed one line, q8 +
// index search k + pattern lookup). Also per stage, index search alone, and ANN recall@k against an
// exact search over the same vectors. Known queries (lines whose canonical form is indexed) also go
// through the engine's cached embedder (SQLite vector cache, as a baseline has it): no model call.
//
// Usage: node bench/parts/similar.mjs --patterns FILE --embed-texts FILE --queries FILE --known-queries FILE --work-dir DIR
//                                     [--vectors q8.f32] [--total 100000] [--k 10]
import { cpuMsSince, emit, gaussian, latencySummary, readFloat32File, log, nowMs, parseArgs, readLinesFile, round, seededRandom, stopwatch } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const total = Number(args.total ?? 100_000);
const k = Number(args.k ?? 10);
const noiseSigma = Number(args.noise ?? 0.01);
const realLines = readLinesFile(args.patterns);
const realTexts = readLinesFile(args['embed-texts']); // embeddingText(realLines[i]), what the engine embeds
const queries = readLinesFile(args.queries).map((l) => JSON.parse(l));
const knownQueries = readLinesFile(args['known-queries']).map((l) => JSON.parse(l));
const random = seededRandom(Number(args.seed ?? 7));
const normal = gaussian(random);

const canonicalizer = await engine.createCanonicalizer();
const embedder = await engine.createEmbedder('q8');
const PatternTable = await engine.PatternTable();
const VectorIndex = await engine.VectorIndex();
const similarToLine = await engine.similarToLine();
const dim = embedder.dim;

// The embed part's q8 vectors of the same file when given (saves embedding them twice), else embed here.
let real;
let realEmbedSeconds = null;
if (args.vectors) {
  const flat = readFloat32File(args.vectors);
  real = realLines.map((_, i) => flat.slice(i * dim, (i + 1) * dim));
  if (flat.length !== realLines.length * dim) throw new Error(`${args.vectors} does not hold ${realLines.length} vectors of ${dim}`);
} else {
  log('similar', `embedding ${realLines.length} real patterns (q8)`);
  const embedStop = stopwatch();
  real = await embedder.embed(realTexts);
  realEmbedSeconds = embedStop().wallSeconds;
}

// One flat copy of every vector: the index is fed from views of it and the exact search reads it.
const all = new Float32Array(total * dim);
real.forEach((v, i) => all.set(v, i * dim));
for (let i = real.length; i < total; i++) {
  const a = real[Math.floor(random() * real.length)];
  const b = real[Math.floor(random() * real.length)];
  const w = random();
  const row = all.subarray(i * dim, (i + 1) * dim);
  let norm = 0;
  for (let d = 0; d < dim; d++) {
    row[d] = w * a[d] + (1 - w) * b[d] + noiseSigma * normal();
    norm += row[d] * row[d];
  }
  norm = Math.sqrt(norm);
  for (let d = 0; d < dim; d++) row[d] /= norm;
}

const table = new PatternTable();
const keys = new Array(total);
for (let i = 0; i < total; i++) {
  const canonical = i < real.length ? realLines[i] : `synthetic pattern ${i}`;
  const event = { raw: canonical, text: canonical, labels: {}, metadata: {}, seq: i + 1, origin: 'bench', timestampNs: 0n };
  keys[i] = table.add(event, { canonical, entities: [] }).pattern.key;
}

const index = VectorIndex.create(dim);
const buildStop = stopwatch();
const chunk = 10_000;
for (let start = 0; start < total; start += chunk) {
  const end = Math.min(total, start + chunk);
  const rows = [];
  for (let i = start; i < end; i++) rows.push(all.subarray(i * dim, (i + 1) * dim));
  index.add(keys.slice(start, end), rows);
  log('similar', `index: ${end}/${total}`);
}
const build = buildStop();

const ctx = { canonicalizer, embedder, patterns: table, index };
for (const q of queries.slice(0, 10)) await similarToLine(ctx, q.line, k); // warm-up, not recorded

// Per stage, the same steps similarToLine takes, each timed.
const stage = { canonicalize: [], embed: [], search: [], lookup: [] };
const queryVectors = [];
for (const q of queries) {
  const t0 = nowMs();
  const { canonical } = canonicalizer.canonicalize(q.line);
  const t1 = nowMs();
  const [vector] = await embedder.embed([canonical]);
  const t2 = nowMs();
  const hits = index.search(vector, k);
  const t3 = nowMs();
  const found = hits.map((h) => table.getByKey(h.key)).filter(Boolean);
  const t4 = nowMs();
  if (found.length !== Math.min(k, total)) throw new Error(`lookup found ${found.length} of ${hits.length} hits`);
  stage.canonicalize.push(t1 - t0);
  stage.embed.push(t2 - t1);
  stage.search.push(t3 - t2);
  stage.lookup.push(t4 - t3);
  queryVectors.push(vector);
}

// End to end through the engine's own function.
// CPU time per query too: on a shared machine, wall-time tails include waiting for a core.
const e2e = [];
const e2eCpu = [];
const e2eBySource = {};
for (const q of queries) {
  const t0 = nowMs();
  const c0 = process.cpuUsage();
  await similarToLine(ctx, q.line, k);
  const ms = nowMs() - t0;
  e2eCpu.push(cpuMsSince(c0));
  e2e.push(ms);
  (e2eBySource[q.source] ??= []).push(ms);
}

// Known lines through the cached embedder: the vectors of the real patterns are in its cache.
// A line whose form the cache lacks still reaches the model; counted so a miss cannot pass unnoticed.
let knownModelCalls = 0;
const counting = { model: embedder.model, dtype: embedder.dtype, dim, embed: (texts, onProgress) => (knownModelCalls++, embedder.embed(texts, onProgress)), close: () => embedder.close() };
const cached = await engine.createCachedEmbedder(counting, args['work-dir']);
cached.cache.putMany(embedder.model, embedder.dtype, realTexts.map((text, i) => [text, real[i]]));
const cachedCtx = { ...ctx, embedder: cached.embedder };
await similarToLine(cachedCtx, knownQueries[0].line, k); // warm-up: first SQLite statements
knownModelCalls = 0;
const e2eKnownCached = [];
for (const q of knownQueries) {
  const t0 = nowMs();
  await similarToLine(cachedCtx, q.line, k);
  e2eKnownCached.push(nowMs() - t0);
}

// Index search alone, repeated for stable tail percentiles.
const searchOnly = [];
const searchOnlyCpu = [];
for (let rep = 0; rep < 10; rep++) {
  for (const v of queryVectors) {
    const t0 = nowMs();
    const c0 = process.cpuUsage();
    index.search(v, k);
    searchOnlyCpu.push(cpuMsSince(c0));
    searchOnly.push(nowMs() - t0);
  }
}

// Recall@k of the HNSW search against exact cosine search (vectors are unit length: dot product).
const recallQueries = queryVectors.slice(0, 100);
let recalled = 0;
for (const v of recallQueries) {
  const best = exactTopK(v);
  const got = new Set(index.search(v, k).map((h) => h.key));
  recalled += best.filter((i) => got.has(keys[i])).length;
}
await embedder.close();

function exactTopK(v) {
  const top = []; // [score, row], kept sorted descending, length ≤ k
  for (let i = 0; i < total; i++) {
    let dot = 0;
    const off = i * dim;
    for (let d = 0; d < dim; d++) dot += v[d] * all[off + d];
    if (top.length < k || dot > top[top.length - 1][0]) {
      top.push([dot, i]);
      top.sort((x, y) => y[0] - x[0]);
      if (top.length > k) top.pop();
    }
  }
  return top.map(([, i]) => i);
}

const summaries = Object.fromEntries(Object.entries(stage).map(([name, ms]) => [name, latencySummary(ms)]));
emit({
  part: 'similar',
  k,
  patterns: {
    total,
    real: real.length,
    synthetic: total - real.length,
    synthesis: `synthetic vector = normalize(w*a + (1-w)*b + N(0, ${noiseSigma}^2) per dimension), a and b random real vectors, w ~ U(0,1)`,
  },
  realVectorsFrom: args.vectors ? 'embed part (q8)' : 'embedded here (q8)',
  realEmbedLinesPerSec: realEmbedSeconds && round(real.length / realEmbedSeconds, 2),
  index: { ...index.options, size: index.size, buildSeconds: round(build.wallSeconds, 2), buildCpuSeconds: round(build.cpuSeconds, 2) },
  queries: queries.length,
  endToEndMs: latencySummary(e2e),
  endToEndCpuMs: latencySummary(e2eCpu),
  endToEndKnownLineCachedMs: latencySummary(e2eKnownCached),
  knownLineModelCalls: knownModelCalls,
  endToEndMsBySource: Object.fromEntries(Object.entries(e2eBySource).map(([s, ms]) => [s, latencySummary(ms)])),
  stagesMs: summaries,
  searchOnlyMs: latencySummary(searchOnly),
  searchOnlyCpuMs: latencySummary(searchOnlyCpu),
  recallAtK: round(recalled / (recallQueries.length * k), 4),
  benchVectorCopyMiB: round(all.byteLength / 2 ** 20, 1),
});

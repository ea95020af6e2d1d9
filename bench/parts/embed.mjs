// Embedding throughput of distinct patterns with the engine's transformers.js embedder (q8 or fp32).
// A short warm-up call is not timed (session start-up and first-call allocations), the same as the
// sentence-transformers side. With --out-vectors the vectors are written as raw little-endian float32
// (lines x dim) so that run.mjs can compare them with sentence-transformers'.
//
// Usage: node bench/parts/embed.mjs --lines FILE --dtype q8|fp32 [--out-vectors FILE]
import { writeFileSync } from 'node:fs';
import { emit, log, parseArgs, readLinesFile, round, stopwatch } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const dtype = args.dtype ?? 'q8';
const lines = readLinesFile(args.lines);

const loadStop = stopwatch();
const embedder = await engine.createEmbedder(dtype);
await embedder.embed(lines.slice(0, 16));
const load = loadStop();
log('embed', `${dtype}: model loaded and warmed in ${load.wallSeconds.toFixed(1)} s; embedding ${lines.length} lines`);

let lastReport = 0;
const stop = stopwatch();
const vectors = await embedder.embed(lines, (done, total) => {
  if (done - lastReport >= 500 || done === total) {
    lastReport = done;
    log('embed', `${dtype}: ${done}/${total}`);
  }
});
const { wallSeconds, cpuSeconds } = stop();
await embedder.close();

if (vectors.length !== lines.length) throw new Error(`embed returned ${vectors.length} vectors for ${lines.length} lines`);
if (args['out-vectors']) {
  const flat = new Float32Array(vectors.length * embedder.dim);
  vectors.forEach((v, i) => flat.set(v, i * embedder.dim));
  writeFileSync(args['out-vectors'], Buffer.from(flat.buffer));
}

const result = {
  part: 'embed',
  engine: 'transformers.js',
  model: embedder.model,
  dtype: embedder.dtype,
  dim: embedder.dim,
  lines: lines.length,
  loadAndWarmSeconds: round(load.wallSeconds, 3),
  wallSeconds: round(wallSeconds, 3),
  cpuSeconds: round(cpuSeconds, 3),
  linesPerSec: round(lines.length / wallSeconds, 2),
  linesPerCpuSec: round(lines.length / cpuSeconds, 2),
};
log('embed', `${dtype}: ${result.linesPerSec} lines/s`);
emit(result);

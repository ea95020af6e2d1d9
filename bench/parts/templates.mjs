// The template layer's own cost: learning (every line of a data set into an empty table, so every new
// canonical form goes through the TemplateMiner) against counting known lines (the steady state the
// ingest part measures), and a hostile flood of random words (every line unlike the others: the worst
// case, bounded by the candidate scan and the template cap). CPU seconds (process.cpuUsage).
//
// Usage: node bench/parts/templates.mjs [--flood 50000]
import { DATASETS, emit, log, parseArgs, round, stopwatch } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const floodLines = Number(args.flood ?? 50_000);
const canonicalizer = await engine.createCanonicalizer();
const PatternTable = await engine.PatternTable();
const readOptions = { format: 'text', onWarning: () => {} };

async function canonicalLines(files) {
  const out = [];
  for await (const batch of await engine.openEventBatches(files, readOptions)) {
    for (const event of batch) out.push({ event, result: canonicalizer.canonicalize(event.text) });
  }
  return out;
}

function countInto(table, lines) {
  const stop = stopwatch();
  for (const { event, result } of lines) table.add(event, result, 0n);
  return stop();
}

const datasets = {};
for (const [name, files] of Object.entries(DATASETS)) {
  log('templates', `${name}: reading and canonicalizing`);
  const lines = await canonicalLines(files);
  const forms = new Set(lines.map((l) => l.result.canonical)).size;
  countInto(new PatternTable(), lines); // JIT warm-up
  const table = new PatternTable();
  const learn = countInto(table, lines);
  const known = countInto(table, lines);
  const learnUs = (learn.cpuSeconds * 1e6) / lines.length;
  const knownUs = (known.cpuSeconds * 1e6) / lines.length;
  datasets[name] = {
    lines: lines.length,
    canonicalForms: forms,
    templates: table.size,
    learn: { cpuSeconds: round(learn.cpuSeconds, 3), usPerLine: round(learnUs, 2) },
    known: { cpuSeconds: round(known.cpuSeconds, 3), usPerLine: round(knownUs, 2) },
    // What learning costs per new canonical form, beyond counting a known line.
    usPerNewForm: round(((learn.cpuSeconds - known.cpuSeconds) * 1e6) / forms, 1),
  };
  log('templates', `${name}: ${lines.length} lines, ${forms} forms → ${table.size} templates; learning ${round(learnUs, 2)} µs/line, known ${round(knownUs, 2)} µs/line`);
}

// Random words: nothing repeats, so every line is a new form and (until the cap) a new template.
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const word = () => Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');
const flood = Array.from({ length: floodLines }, (_, i) => {
  const text = `flood ${Array.from({ length: 3 + Math.floor(rnd() * 8) }, word).join(' ')}`;
  return { event: { raw: text, text, labels: {}, metadata: {}, seq: i, origin: 'flood' }, result: canonicalizer.canonicalize(text) };
});
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const floodTable = new PatternTable();
const floodTime = countInto(floodTable, flood);
global.gc?.();
const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
const result = {
  part: 'templates',
  datasets,
  flood: {
    lines: floodLines,
    templates: floodTable.size,
    linesPerCpuSec: round(floodLines / floodTime.cpuSeconds),
    heapMiB: round(heapMiB, 1),
    bytesPerTemplate: round((heapMiB * 2 ** 20) / floodTable.size),
  },
};
log('templates', `flood: ${floodLines} random lines → ${floodTable.size} templates, ${result.flood.linesPerCpuSec} lines/CPU-s, ${result.flood.bytesPerTemplate} bytes per template`);
emit(result);

// Differential check of the canonicalizer: two builds canonicalize the same inputs under several option
// sets, and every difference in canonical form or entities is printed. Used to show that a speed change
// leaves the output as it was (exit code 1 when anything differs).
//
//   npm run build && cp -r build /tmp/before   # on the old commit
//   node bench/canonical-diff.mjs /tmp/before/build build [--max-print 20]
//
// Inputs, read in place from ../shared/datasets: every loghub-2k raw log and its Content column, the
// lines of scalyr-samples/merged_events.txt, and every file of scalyr-samples/logs/ both as raw lines
// and as the events the reader makes of it (format auto: CSV columns and JSON fields become text).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, sharedDir } from './parts/common.mjs';

const args = parseArgs();
const [beforeDir, afterDir] = args._.map((p) => resolve(p));
if (!beforeDir || !afterDir) throw new Error('usage: node bench/canonical-diff.mjs BEFORE_BUILD_DIR AFTER_BUILD_DIR');
const maxPrint = Number(args['max-print'] ?? 20);

const load = (dir, path) => import(pathToFileURL(join(dir, 'engine', path)).href);
const before = await load(beforeDir, 'canonical/index.js');
const after = await load(afterDir, 'canonical/index.js');
const { openEventBatches } = await load(afterDir, 'events/open.js');

const datasets = join(sharedDir, 'datasets');
const inputs = []; // [name, texts]
const rawLines = (path) => readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);

const loghubDir = join(datasets, 'loghub-2k');
for (const name of readdirSync(loghubDir).sort()) {
  const dir = join(loghubDir, name);
  const log = join(dir, `${name}_2k.log`);
  if (!existsSync(log)) continue; // CITATION, LICENSE.txt
  inputs.push([`loghub ${name} raw`, rawLines(log)]);
  const contents = [];
  for await (const batch of openEventBatches([join(dir, `${name}_2k.log_structured_corrected.csv`)], { format: 'csv', textCol: 'Content' })) {
    for (const e of batch) contents.push(e.text);
  }
  inputs.push([`loghub ${name} content`, contents]);
}
inputs.push(['merged_events', rawLines(join(datasets, 'scalyr-samples/merged_events.txt'))]);
const logsDir = join(datasets, 'scalyr-samples/logs');
for (const file of readdirSync(logsDir).sort()) {
  const path = join(logsDir, file);
  inputs.push([`logs/${file} raw`, rawLines(path)]);
  const events = [];
  try {
    for await (const batch of openEventBatches([path], { format: 'auto', onWarning: () => {} })) for (const e of batch) events.push(e.text);
    inputs.push([`logs/${file} events`, events]);
  } catch (err) {
    process.stderr.write(`(${file}: not read as events: ${err.message})\n`);
  }
}

// Option sets: the defaults, and each option that changes a code path.
const CONFIGS = [
  {},
  { maskIps: false },
  { maskNumbers: false },
  { numbersMinLen: 3 },
  { maskUsers: true },
  { maxLength: 0 },
];

let compared = 0;
let differing = 0;
const show = (x) => JSON.stringify(x);
for (const config of CONFIGS) {
  const a = before.createCanonicalizer(config);
  const b = after.createCanonicalizer(config);
  for (const [name, texts] of inputs) {
    for (const text of texts) {
      const ra = a.canonicalize(text);
      const rb = b.canonicalize(text);
      compared++;
      if (ra.canonical === rb.canonical && show(ra.entities) === show(rb.entities)) continue;
      differing++;
      if (differing <= maxPrint) {
        process.stdout.write(`DIFF ${name} ${show(config)}\n  line:   ${text.slice(0, 400)}\n`);
        if (ra.canonical !== rb.canonical) process.stdout.write(`  before: ${ra.canonical}\n  after:  ${rb.canonical}\n`);
        else process.stdout.write(`  entities before: ${show(ra.entities)}\n  entities after:  ${show(rb.entities)}\n`);
      }
    }
  }
}
const lines = inputs.reduce((n, [, t]) => n + t.length, 0);
process.stdout.write(`${compared} results compared (${lines} texts from ${inputs.length} inputs × ${CONFIGS.length} option sets): ${differing} differ\n`);
process.exitCode = differing === 0 ? 0 : 1;

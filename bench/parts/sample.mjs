// Prepares the inputs of the embed and similar parts: a reproducible sample of distinct canonical forms
// with the text the engine embeds for each, and a sample of raw query lines, drawn from both
// datasets. The same patterns file feeds transformers.js and sentence-transformers.
//
// Usage: node bench/parts/sample.mjs --out-dir DIR [--patterns 2000] [--queries 300] [--seed 1]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, emit, log, parseArgs, percentile, sample, seededRandom } from './common.mjs';
import * as engine from './engine.mjs';

const args = parseArgs();
const outDir = args['out-dir'];
if (!outDir) throw new Error('--out-dir is required');
const patternCount = Number(args.patterns ?? 2000);
const queryCount = Number(args.queries ?? 300);
const random = seededRandom(Number(args.seed ?? 1));

const canonicalizer = await engine.createCanonicalizer();
const distinct = new Map(); // canonical form -> the first event with it
const distinctByDataset = {};
const rawLines = {};
for (const [name, files] of Object.entries(DATASETS)) {
  const before = distinct.size;
  const own = new Set();
  rawLines[name] = [];
  for await (const event of await engine.openEvents(files, { format: 'text' })) {
    const { canonical } = canonicalizer.canonicalize(event.text);
    if (!distinct.has(canonical)) distinct.set(canonical, event);
    own.add(canonical);
    rawLines[name].push(event.raw);
  }
  distinctByDataset[name] = { lines: rawLines[name].length, patterns: own.size, newOverall: distinct.size - before };
  log('sample', `${name}: ${rawLines[name].length} lines, ${own.size} distinct canonical forms`);
}

// Sorted before sampling so that the sample does not depend on Set insertion order details.
// Empty forms and stray line breaks would shift the line-per-vector files the fidelity check compares.
const candidates = [...distinct.keys()].filter((p) => p.trim().length > 0 && !/[\r\n]/.test(p)).sort();
const patterns = sample(candidates, patternCount, random);
const perSource = Math.ceil(queryCount / Object.keys(rawLines).length);
const queries = Object.entries(rawLines).flatMap(([source, lines]) =>
  sample(lines, perSource, random).map((line) => ({ source, line })),
);

// The query is the event's text (what ingest canonicalized): a raw line with a `[source] ` prefix that the
// reader cut may canonicalize differently, which is counted below as a finding, not hidden.
const knownPatterns = sample(patterns, queryCount, random);
const knownQueries = knownPatterns.map((p) => ({ source: 'known', line: distinct.get(p).text }));
const rawSameCanonical = knownPatterns.filter((p) => canonicalizer.canonicalize(distinct.get(p).raw).canonical === p).length;

// What the engine embeds for each pattern (engine/canonical/embedding-text.ts), line for line.
const embeddingText = await engine.embeddingText();
const embedTexts = patterns.map(embeddingText);
const embedTextsFile = join(outDir, 'embed-texts.txt');
writeFileSync(embedTextsFile, `${embedTexts.join('\n')}\n`);

const patternsFile = join(outDir, 'patterns.txt');
const knownQueriesFile = join(outDir, 'queries-known.jsonl');
writeFileSync(knownQueriesFile, `${knownQueries.map((q) => JSON.stringify(q)).join('\n')}\n`);
const queriesFile = join(outDir, 'queries.jsonl');
writeFileSync(patternsFile, `${patterns.join('\n')}\n`);
writeFileSync(queriesFile, `${queries.map((q) => JSON.stringify(q)).join('\n')}\n`);

const lengths = embedTexts.map((p) => p.length);
emit({
  part: 'sample',
  distinctPatterns: distinct.size,
  byDataset: distinctByDataset,
  patternsSampled: patterns.length,
  distinctEmbedTexts: new Set(embedTexts).size,
  embedTextChars: { p50: percentile(lengths, 50), p90: percentile(lengths, 90), max: Math.max(...lengths) },
  queries: queries.length,
  knownQueries: knownQueries.length,
  knownQueriesWhoseRawLineCanonicalizesTheSame: rawSameCanonical,
  patternsFile,
  embedTextsFile,
  queriesFile,
  knownQueriesFile,
});

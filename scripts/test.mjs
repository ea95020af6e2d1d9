#!/usr/bin/env node
// Runs every compiled engine test (build/**/*.test.js) with node's test runner and ends with one
// line `N passed, N failed` that CI reads. Pass file or folder filters to run a subset:
//   node scripts/test.mjs canonical embed
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const buildDir = join(root, 'build');

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

// Tests use the real model: ../shared/models unless LOGATLAS_MODEL_DIR says otherwise.
const sharedModels = join(root, '..', 'shared', 'models');
if (!process.env.LOGATLAS_MODEL_DIR && existsSync(join(sharedModels, 'Xenova'))) process.env.LOGATLAS_MODEL_DIR = sharedModels;

const filters = process.argv.slice(2);
// build/ keeps the compiled copy of a test whose source was deleted (tsc never removes outputs): only
// tests with a source file still in the tree run.
const hasSource = (f) => existsSync(join(root, relative(buildDir, f).replace(/\.js$/, '.ts')));
const files = findTests(buildDir)
  .filter((f) => filters.length === 0 || filters.some((flt) => relative(buildDir, f).includes(flt)))
  .filter(hasSource)
  .sort();
if (files.length === 0) {
  console.error(`no test files under ${buildDir}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(1);
}

// Every test file runs with TMPDIR pointing into one folder of this run, removed at the end: the
// stores, Loki data and spools the tests make never pile up in /tmp, even when a test fails early.
const runTmp = mkdtempSync(join(tmpdir(), 'logatlas-test-run-'));
process.env.TMPDIR = runTmp;

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 15 * 60_000 });
stream.on('test:pass', (t) => { if (t.details?.type !== 'suite') passed++; });
stream.on('test:fail', (t) => { if (t.details?.type !== 'suite') failed++; });
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  // Let the reporter flush before the summary line.
  setImmediate(() => {
    rmSync(runTmp, { recursive: true, force: true });
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
});

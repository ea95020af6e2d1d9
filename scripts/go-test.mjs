#!/usr/bin/env node
// Runs `go test -json` on the given packages, prints each test's output as it finishes and ends with
// the line `N passed, N failed` that .ci/run reads. Parent tests that have subtests are not counted
// (their subtests are); a package that fails to build counts as one failure.
//   node scripts/go-test.mjs ./pkg/... ./tests/contract/
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const pkgs = process.argv.slice(2);
if (pkgs.length === 0) {
  console.error('usage: node scripts/go-test.mjs <packages...>');
  process.exit(2);
}
const child = spawn('go', ['test', '-count=1', '-json', ...pkgs], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' } });
const output = new Map(); // "pkg test" -> lines
const results = new Map(); // "pkg test" -> pass | fail | skip
const failedPkgs = new Set();
const key = (e) => `${e.Package} ${e.Test}`;

for await (const line of createInterface({ input: child.stdout })) {
  let e;
  try {
    e = JSON.parse(line);
  } catch {
    process.stdout.write(line + '\n'); // build errors come as plain text
    continue;
  }
  if (e.Action === 'output') {
    if (!e.Test) {
      if (/^(FAIL|ok|---|\?)/.test(e.Output) || /cannot|error/i.test(e.Output)) process.stdout.write(e.Output);
      continue;
    }
    const k = key(e);
    if (!output.has(k)) output.set(k, []);
    output.get(k).push(e.Output);
  } else if (['pass', 'fail', 'skip'].includes(e.Action)) {
    if (e.Test) {
      results.set(key(e), e.Action);
      const lines = output.get(key(e)) ?? [];
      if (e.Action === 'fail') process.stdout.write(lines.join(''));
      else process.stdout.write(lines.filter((l) => /^\s*--- (PASS|SKIP)|SKIP|skip/.test(l)).join(''));
    } else if (e.Action === 'fail') failedPkgs.add(e.Package);
  } else if (e.Action === 'build-fail' || (e.Action === 'build-output' && /error/i.test(e.Output ?? ''))) {
    if (e.Output) process.stdout.write(e.Output);
  }
}
const exitCode = await new Promise((resolve) => child.on('close', resolve));

let passed = 0;
let failed = 0;
let skipped = 0;
const names = [...results.keys()];
for (const [k, r] of results) {
  if (names.some((n) => n !== k && n.startsWith(k + '/'))) continue; // a parent: its subtests count
  if (r === 'pass') passed++;
  else if (r === 'fail') failed++;
  else skipped++;
}
// A package that failed without a failing test (build error, panic in init, timeout) is one failure.
for (const p of failedPkgs) if (![...results].some(([k, r]) => k.startsWith(p + ' ') && r === 'fail')) failed++;
if (exitCode !== 0 && failed === 0) failed = 1;
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

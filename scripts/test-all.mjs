#!/usr/bin/env node
// `npm test`: every suite, one after another, each through its own npm script (so `npm run test:go`
// alone runs exactly what this runs), then one closing line `N passed, N failed` totalling them all —
// the line .ci/run reads. Name suites to run only those: `npm test -- demo go`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// name → npm script. A suite ends with its own `N passed, N failed` line, except `build`, a check that
// counts as one test (passed when the script exits 0).
const SUITES = [
  { name: 'demo', script: 'test:demo', about: "the README's quick start, `npm run demo`, and what it must show" },
  { name: 'engine', script: 'test:engine', about: 'engine and CLI (node:test, the real model)' },
  { name: 'build', script: 'test:build', about: 'plugin build check: typecheck, webpack, go build', oneTest: true },
  { name: 'go', script: 'test:go', about: "plugin's Go backend" },
  { name: 'jest', script: 'test:plugin', about: 'plugin frontend and provisioning/compose (jest)' },
  { name: 'contract', script: 'test:contract', about: 'plugin binary over go-plugin/gRPC' },
  { name: 'browser', script: 'test:browser', about: 'panels and editors in Chromium' },
  { name: 'lint', script: 'lint', about: 'ESLint, Prettier, gofmt, go vet, staticcheck (one test each)' },
  { name: 'compat', script: 'test:compat', about: 'each plugin module against the oldest Grafana plugin.json names (levitate)' },
];
const SUMMARY = /^(\d+) passed, (\d+) failed/;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const suites = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;

/** Runs one npm script with its output passed through; resolves to its exit status and last summary. */
function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let summary;
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      const m = line.match(SUMMARY);
      if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
    });
    child.stderr.pipe(process.stderr);
    child.on('error', (err) => {
      console.log(`cannot start npm: ${err.message}`);
      resolve({ status: 1, summary });
    });
    child.on('close', (status) => resolve({ status: status ?? 1, summary }));
  });
}

const results = [];
for (const s of suites) {
  const started = Date.now();
  console.log(`\n=== ${s.name}: ${s.about} (npm run ${s.script}; ${new Date().toISOString().slice(11, 19)} UTC)`);
  const { status, summary } = await runScript(s.script);
  let passed;
  let failed;
  let note = '';
  if (s.oneTest) {
    [passed, failed] = status === 0 ? [1, 0] : [0, 1];
  } else {
    passed = summary?.passed ?? 0;
    failed = summary?.failed ?? 0;
    // A suite that crashed, or exited non-zero with no failing test, still fails.
    if (status !== 0 && failed === 0) {
      failed = 1;
      note = summary ? ` (exited ${status} without a failing test)` : ` (exited ${status} without a summary line)`;
    }
  }
  results.push({ ...s, passed, failed, seconds: (Date.now() - started) / 1000, note });
}

console.log('\n=== all suites');
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(9)} ${String(r.passed).padStart(4)} passed, ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(0).padStart(5)} s${r.note}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// `npm run lint`: the quality gates, each one check, run one after another so every finding is shown:
//   eslint      ESLint with Grafana's rules (eslint.config.js) on src/ and engine/ TypeScript
//   prettier    Prettier's formatting check (.prettierrc) on the same files
//   gofmt       every Go file formatted as gofmt writes it
//   go vet      go vet ./...
//   staticcheck honnef.co/go/tools at a pinned version, fetched through the Go module proxy by `go run`
// Ends with `N passed, N failed` (one per check) and exits non-zero when any fails.
// The formatting pass, `npm run format`: Prettier, then `eslint --fix` (braces where Prettier split a
// one-line `if`, Array<T> forms), Prettier again, gofmt. What it cannot fix, eslint here still reports.
import { spawn } from 'node:child_process';

// v0.8.2 is staticcheck 2026.2.2, the newest release when this was written; it reads Go 1.26 code.
const STATICCHECK = 'honnef.co/go/tools/cmd/staticcheck@v0.8.2';
const TS_FILES = ['src/**/*.{ts,tsx}', 'engine/**/*.ts'];

const root = new URL('..', import.meta.url).pathname;

/** Runs a command in the repository root with its output passed through; resolves to its output and exit status. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (stream, sink) =>
      stream.on('data', (b) => {
        out += b;
        sink.write(b);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('error', (err) => resolve({ status: 1, out: `cannot start ${cmd}: ${err.message}` }));
    child.on('close', (status) => resolve({ status: status ?? 1, out }));
  });
}

const bin = (name) => `${root}node_modules/.bin/${name}`;

// Each check: how to run it, and how to say what it found when it fails.
const CHECKS = [
  {
    name: 'eslint',
    cmd: [bin('eslint'), ['--max-warnings=0', 'src', 'engine']],
    found: (out) => out.match(/✖ (\d+ problems?[^\n]*)/)?.[1],
  },
  {
    name: 'prettier',
    cmd: [bin('prettier'), ['--check', ...TS_FILES]],
    found: (out) => {
      const n = out.split('\n').filter((l) => l.startsWith('[warn] ') && !l.startsWith('[warn] Code style issues')).length;
      return n ? `${n} files not formatted (npm run format)` : undefined;
    },
  },
  {
    name: 'gofmt',
    cmd: ['gofmt', ['-l', 'pkg', 'tests']],
    // gofmt -l exits 0 either way: any file it lists is a failure.
    failed: (r) => r.status !== 0 || r.out.trim() !== '',
    found: (out) => `${out.trim().split('\n').length} Go files not formatted (npm run format)`,
  },
  { name: 'go vet', cmd: ['go', ['vet', './...']] },
  { name: 'staticcheck', cmd: ['go', ['run', STATICCHECK, './...']] },
];

// `node scripts/lint.mjs --fetch-tools`: only fetch and build staticcheck (.ci/run does it before the
// tests, so that a registry problem shows as an install step, not as a lint failure).
if (process.argv.includes('--fetch-tools')) {
  const r = await run('go', ['run', STATICCHECK, '-version']);
  process.exit(r.status);
}

const results = [];
for (const c of CHECKS) {
  const shown = [c.cmd[0].replace(root, ''), ...c.cmd[1].map((a) => (a.includes('*') ? `'${a}'` : a))];
  console.log(`\n=== ${c.name}: ${shown.join(' ')}`);
  const r = await run(...c.cmd);
  const failed = c.failed ? c.failed(r) : r.status !== 0;
  const found = failed ? (c.found?.(r.out) ?? `exited ${r.status}`) : '';
  console.log(failed ? `FAIL ${c.name}: ${found}` : `ok   ${c.name}`);
  results.push({ name: c.name, failed, found });
}

console.log('\n=== lint');
for (const r of results) console.log(`  ${r.failed ? 'FAIL' : 'ok  '} ${r.name}${r.found ? `: ${r.found}` : ''}`);
const failed = results.filter((r) => r.failed).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

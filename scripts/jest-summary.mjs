#!/usr/bin/env node
// Runs jest for the plugin frontend and ends with the `N passed, N failed` line .ci/run reads.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const dir = mkdtempSync(join(tmpdir(), 'jest-summary-'));
const out = join(dir, 'result.json');
const child = spawn(process.execPath, [jestBin, '-c', 'jest.config.cjs', '--json', `--outputFile=${out}`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const code = await new Promise((resolve) => child.on('close', resolve));
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
} catch {
  failed = 1;
}
rmSync(dir, { recursive: true, force: true });
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

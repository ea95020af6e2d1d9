// The seed IDS's own cases, through the real CLI with the real model (issue: engine foundation, item 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, writeLines } from './cli-harness.js';

const SEED_BASELINE = [
  'Accepted password for user from 10.0.0.1',
  'Failed password for root from 10.0.0.5',
  'Invalid user admin from 10.0.0.5',
  'Connection closed by 10.0.0.2',
  'Failed password for admin from 10.0.0.9',
  'Accepted publickey for deploy from 10.0.0.3',
  'Failed password for root from 10.0.0.5 port 22 ssh2',
];

const dir = tempDir('seed');
const store = join(dir, 'store');
const baselineFile = writeLines(dir, 'baseline.log', SEED_BASELINE);

test('index builds the seed baseline', async () => {
  const r = await runCli(['index', '--store', store, baselineFile]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /indexed 7 events/);
});

test('templates: the seed baseline as kinds of events; one user or another is one template', async () => {
  const r = await runCli(['templates', '--store', store, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Array<{ template: string; count: number; entities: Record<string, Array<{ value: string; count: number }>> }>;
  assert.equal(rows.reduce((n, t) => n + t.count, 0), SEED_BASELINE.length);
  const failed = rows.find((t) => t.template === 'Failed password for <*> from <IP>');
  assert.ok(failed, JSON.stringify(rows, null, 1));
  assert.equal(failed.count, 2);
  assert.deepEqual(failed.entities.user.map((u) => u.value).sort(), ['admin', 'root']);
  // Accepted and Failed stay two kinds of events.
  assert.ok(rows.some((t) => t.template.startsWith('Accepted password for')));
  assert.match(r.stderr, new RegExp(`${rows.length} templates, ${SEED_BASELINE.length} events`));
  const bad = await runCli(['templates', '--store', store, '--sort', 'size']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--sort must be one of/);
});

test('similar: a "Failed password for root" pattern first, only Failed password / Invalid user in the top three', async () => {
  const r = await runCli(['similar', '--store', store, '-k', '5', '--json', 'authentication failure for root from 10.0.0.5']);
  assert.equal(r.code, 0, r.stderr);
  const hits = JSON.parse(r.stdout) as Array<{ pattern: string; distance: number; count: number; example: string }>;
  assert.ok(hits.length >= 3, r.stdout);
  assert.match(hits[0].example, /^Failed password for root/);
  for (const h of hits.slice(0, 3)) assert.match(h.example, /^(Failed password|Invalid user)/, JSON.stringify(hits, null, 1));
  for (const h of hits) {
    assert.equal(typeof h.pattern, 'string');
    assert.ok(h.count >= 1);
    assert.ok(h.distance >= 0 && h.distance <= 2);
  }
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i].distance >= hits[i - 1].distance, 'sorted by distance');
});

test('detect: a known kind of line passes, a kernel panic is flagged with a reason, alerts are written', async () => {
  const incoming = writeLines(dir, 'incoming.log', ['Failed password for admin from 10.0.0.8', 'Kernel panic: memory corruption detected']);
  const alerts = join(dir, 'alerts');
  const r = await runCli(['detect', '--store', store, '--json', '--alerts-dir', alerts, incoming]);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((x) => x.line), [1, 2]);
  assert.equal(rows[0].flagged, false);
  assert.equal(rows[0].text, 'Failed password for admin from 10.0.0.8');
  assert.equal(rows[1].flagged, true);
  assert.ok(rows[1].distance > 0.5, `distance ${rows[1].distance}`);
  assert.match(rows[1].reasons.join(' '), /unlike anything known/);
  assert.equal(typeof rows[1].nearest, 'string');
  const files = readdirSync(alerts);
  assert.equal(files.length, 1);
  const alert = JSON.parse(readFileSync(join(alerts, files[0]), 'utf8'));
  assert.equal(alert.text, 'Kernel panic: memory corruption detected');
  assert.equal(alert.flagged, true);
});

test('detect reads stdin and prints a table by default', async () => {
  const r = await runCli(['detect', '--store', store, '-'], { stdin: 'Invalid user admin from 10.0.0.7\nKernel panic: memory corruption detected\n' });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^line\s+verdict/);
  assert.match(lines[1], /^1\s+known/);
  assert.match(lines[2], /^2\s+ALERT/);
  assert.match(r.stderr, /2 lines, 1 flagged/);
});

test('exit codes: 2 for bad usage and bad input, with a one-line message', async () => {
  const noStore = await runCli(['similar', '--store', join(dir, 'nope'), 'x']);
  assert.equal(noStore.code, 2);
  assert.match(noStore.stderr, /no baseline in .*logatlas index --store/);
  const missingFile = await runCli(['detect', '--store', store, join(dir, 'missing.log')]);
  assert.equal(missingFile.code, 2);
  assert.match(missingFile.stderr, /missing\.log/);
  const badThreshold = await runCli(['detect', '--store', store, '--threshold', 'abc', '-']);
  assert.equal(badThreshold.code, 2);
  assert.match(badThreshold.stderr, /--threshold/);
  const unknownCmd = await runCli(['frobnicate']);
  assert.equal(unknownCmd.code, 2);
  const help = await runCli(['detect', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--alerts-dir/);
});

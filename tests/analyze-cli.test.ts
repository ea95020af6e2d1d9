// `logatlas analyze` through the real CLI and model: every artifact, in both projector modes, from a
// file and from standard input, and its errors on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli, tempDir } from './cli-harness.js';
import { writeAnalyzeFixture } from './analyze-fixture.js';

const dir = tempDir('analyze-cli');
const input = writeAnalyzeFixture(dir, 1_200);
const inputLines = readFileSync(input, 'utf8').trimEnd().split('\n');
const cache = join(dir, 'cache.db');
// The clustering defaults (themes of templates); --min-cluster-size and --min-samples stay overridable.
const HDBSCAN = ['--min-cluster-size', '2', '--min-samples', '1'];

function csv(path: string): Array<Record<string, string>> {
  return parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
}
function tsv(path: string): string[][] {
  return readFileSync(path, 'utf8').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
}

test('per-pattern (default): projector files, cluster tables and every event in input order', async () => {
  const out = join(dir, 'file');
  const r = await runCli(['analyze', '--input', input, '--out', out, '--umap', ...HDBSCAN, '--cache', cache]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /analyzed 1200 events: \d+ patterns/);
  const summary = JSON.parse(readFileSync(join(out, 'analyze_summary.json'), 'utf8'));
  for (const stage of ['read', 'canonicalize', 'embed', 'cluster', 'project', 'write', 'total']) assert.equal(typeof summary.timingsMs[stage], 'number', stage);
  for (const f of summary.files) assert.ok(f.bytes > 0, f.name);

  // vectors.tsv: no header, one 384-float row per pattern; metadata.tsv: a header, then one row per pattern.
  const vectors = tsv(join(out, 'vectors.tsv'));
  assert.equal(vectors.length, summary.patterns);
  for (const row of vectors) {
    assert.equal(row.length, 384);
    const norm = Math.sqrt(row.reduce((s, v) => s + Number(v) ** 2, 0));
    assert.ok(Math.abs(norm - 1) < 1e-3, `unit vectors, got norm ${norm}`);
  }
  const metadata = tsv(join(out, 'metadata.tsv'));
  const header = metadata.shift()!;
  assert.deepEqual(header.slice(0, 6), ['raw', 'norm', 'len', 'cluster', 'count', 'pattern']);
  assert.ok(header.includes('host'), header.join(','));
  assert.equal(metadata.length, summary.patterns);
  for (const row of metadata) assert.equal(row.length, header.length);
  assert.equal(metadata.reduce((s, row) => s + Number(row[4]), 0), 1_200);
  assert.match(readFileSync(join(out, 'projector_config.pbtxt'), 'utf8'), /tensor_path: "vectors.tsv"[\s\S]*metadata_path: "metadata.tsv"/);

  // events_with_clusters.csv: the input's lines, in order, each with its pattern and that pattern's cluster.
  const events = csv(join(out, 'events_with_clusters.csv'));
  assert.deepEqual(events.map((e) => e.raw), inputLines);
  const byPattern = new Map(metadata.map((row) => [row[5], { norm: row[1], cluster: row[3] }]));
  for (const e of events) {
    const p = byPattern.get(e.pattern);
    assert.ok(p, `pattern ${e.pattern} is in metadata.tsv`);
    assert.equal(e.norm, p.norm);
    assert.equal(e.cluster, p.cluster);
    assert.ok(Number.isFinite(Number(e.umap_x)) && Number.isFinite(Number(e.umap_y)));
    assert.match(e.timestamp, /^2026-11-20T/);
    assert.match(e.host, /^web-\d$/);
  }

  // The summary and examples agree with the events.
  const clusters = csv(join(out, 'cluster_summary.csv'));
  for (const c of clusters) assert.equal(Number(c.count), events.filter((e) => e.cluster === c.cluster).length, c.cluster);
  assert.ok(clusters.some((c) => c.cluster === '0'));
  const examples = csv(join(out, 'cluster_examples.csv'));
  for (const c of clusters) {
    const mine = examples.filter((x) => x.cluster === c.cluster);
    assert.ok(mine.length >= 1 && mine.length <= 30, `${c.cluster}: ${mine.length} examples`);
    for (const x of mine) assert.ok(inputLines.includes(x.raw));
  }
  assert.ok(existsSync(join(out, 'clusters.html')) && existsSync(join(out, 'cluster_trends.html')));
});

test('per-event vectors and standard input give one projector row per event and the same events file', async () => {
  const out = join(dir, 'stdin');
  const r = await runCli(['analyze', '--input', '-', '--format', 'jsonl', '--out', out, '--vectors', 'per-event', ...HDBSCAN, '--cache', cache], {
    stdin: readFileSync(input, 'utf8'),
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /\(\d+ of \d+ vectors cached\)/);
  const summary = JSON.parse(readFileSync(join(out, 'analyze_summary.json'), 'utf8'));
  assert.equal(summary.cacheHits, summary.embedTexts, 'the second run embeds nothing');
  assert.equal(tsv(join(out, 'vectors.tsv')).length, 1_200);
  const metadata = tsv(join(out, 'metadata.tsv'));
  assert.equal(metadata.length, 1_201);
  const events = csv(join(out, 'events_with_clusters.csv'));
  const fromFile = csv(join(dir, 'file', 'events_with_clusters.csv'));
  assert.deepEqual(events.map((e) => [e.raw, e.pattern, e.cluster]), fromFile.map((e) => [e.raw, e.pattern, e.cluster]));
  assert.deepEqual(metadata.slice(1).map((row) => row[0]), inputLines.map((l) => l.replace(/\t/g, ' ')));
  assert.ok(!('umap_x' in events[0]), 'no layout without --umap');
  assert.ok(!existsSync(join(out, 'clusters.html')));
  assert.deepEqual(readdirSync(out).filter((f) => f.startsWith('.')), [], 'the stdin spool is removed');
});

test('k-means with --n-clusters makes that many clusters and no noise', async () => {
  const out = join(dir, 'kmeans');
  const r = await runCli(['analyze', '--input', input, '--out', out, '--cluster', 'kmeans', '--n-clusters', '4', '--cache', cache]);
  assert.equal(r.code, 0, r.stderr);
  const clusters = csv(join(out, 'cluster_summary.csv'));
  assert.deepEqual(clusters.map((c) => c.cluster), ['0', '1', '2', '3']);
});

test('bad input: one clear line, exit code 2', async () => {
  const missing = await runCli(['analyze', '--input', join(dir, 'nope.log'), '--out', join(dir, 'x')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^logatlas: cannot read input .*nope\.log/);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const badBin = await runCli(['analyze', '--input', input, '--out', join(dir, 'x'), '--time-bin', 'hourly']);
  assert.equal(badBin.code, 2);
  assert.match(badBin.stderr, /--time-bin expects/);
  const empty = await runCli(['analyze', '--input', '-', '--out', join(dir, 'x'), '--cache', cache], { stdin: '\n\n' });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /no events to analyze in standard input/);
});

test('syslog without a year (sshd, across New Year): times from the text, cluster_trends.html written', async () => {
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const start = Date.UTC(2024, 11, 31, 22, 0, 0);
  const times = Array.from({ length: 300 }, (_, i) => start + i * 48_000); // to 2025-01-01 01:59:12
  const messages = [
    (i: number) => `sshd[${2000 + i}]: Failed password for invalid user admin from 10.0.${i % 7}.${i % 250} port ${40000 + i} ssh2`,
    (i: number) => `sshd[${2000 + i}]: Accepted publickey for deploy from 10.1.${i % 5}.${i % 200} port ${50000 + i} ssh2`,
    (i: number) => `CRON[${3000 + i}]: pam_unix(cron:session): session opened for user root by (uid=0)`,
  ];
  const lines = times.map((ms, i) => {
    const d = new Date(ms);
    const stamp = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    return `${stamp} bastion ${messages[i % 3](i)}`;
  });
  const log = join(dir, 'auth.log');
  writeFileSync(log, lines.join('\n') + '\n');
  utimesSync(log, new Date('2025-01-02T00:00:00Z'), new Date('2025-01-02T00:00:00Z'));

  const out = join(dir, 'syslog');
  const r = await runCli(['analyze', '--input', log, '--out', out, '--cluster', 'none', '--cache', cache]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /needs event times/);
  const summary = JSON.parse(readFileSync(join(out, 'analyze_summary.json'), 'utf8'));
  assert.equal(summary.timedEvents, 300);
  assert.equal(summary.timeBin, '5min'); // 4 hours in at most ~120 round bins
  assert.ok(summary.files.some((f: { name: string }) => f.name === 'cluster_trends.html'));
  const html = readFileSync(join(out, 'cluster_trends.html'), 'utf8');
  assert.match(html, /"startMs":1735682400000,"widthMs":300000,"bins":48/); // 2024-12-31 22:00 UTC, 48 bins to 02:00
  const events = csv(join(out, 'events_with_clusters.csv'));
  assert.deepEqual(events.map((e) => e.timestamp.slice(0, 19)), times.map((ms) => new Date(ms).toISOString().slice(0, 19)));

  // --time-zone: the same stamps read as +02:00 are two hours earlier.
  const shifted = join(dir, 'syslog-tz');
  const r2 = await runCli(['analyze', '--input', log, '--out', shifted, '--cluster', 'none', '--time-zone', '+02:00', '--cache', cache]);
  assert.equal(r2.code, 0, r2.stderr);
  const shiftedEvents = csv(join(shifted, 'events_with_clusters.csv'));
  assert.deepEqual(shiftedEvents.map((e) => e.timestamp.slice(0, 19)), times.map((ms) => new Date(ms - 7_200_000).toISOString().slice(0, 19)));
  const badZone = await runCli(['analyze', '--input', log, '--out', join(dir, 'x'), '--time-zone', 'Atlantis/Capital', '--cache', cache]);
  assert.equal(badZone.code, 2);
  assert.match(badZone.stderr, /unknown time zone/);
});

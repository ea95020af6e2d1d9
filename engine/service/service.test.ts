// The service end to end against a real VictoriaLogs fed by `logatlas replay`, with the real model: exact
// counts, outliers with reasons, the API's answers and errors, feedback that persists, and a restart
// that resumes without gap or double count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { push, type PushEntry } from '../loki/push.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { BRUTE_FORCE_IP, NEW_ERROR_LINE } from '../replay/anomalies.js';
import { openLogSource } from '../logstore/log-source.js';
import { DEFAULT_THRESHOLD } from '../detect/detector.js';
import { startService, waitFor, type RunningService } from './service-fixtures.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin', 'logatlas.js');
const DAY = 86_400_000;

async function replay(storeUrl: string, file: string, ...extra: string[]): Promise<{ pushed: number }> {
  const { stdout } = await run(process.execPath, [bin, 'replay', '--victorialogs', storeUrl, '--labels', '{job="ssh"}', '--json', ...extra, file]);
  return JSON.parse(stdout) as { pushed: number };
}

const sum = (points: number[][]) => points.reduce((a, p) => a + p[1], 0);

test('serve follows a VictoriaLogs fed by replay: exact counts, outliers with reasons, API answers and errors, feedback, restart', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-svc-test-'));
  const lines = readFileSync(join(root, '..', 'shared', 'datasets', 'loghub-2k', 'OpenSSH', 'OpenSSH_2k.log'), 'utf8')
    .split('\n')
    .slice(0, 200);
  const file = join(dir, 'ssh.log');
  writeFileSync(file, lines.join('\n') + '\n');
  const { pushed } = await replay(vl.url, file, '--inject', 'new-error', '--inject', 'brute-force');
  assert.equal(pushed, 200 + 1 + 40);
  // replay returns once VictoriaLogs has made its rows searchable (no flush here): all are there at once.
  let searchable = 0;
  const nowNs = BigInt(Date.now() + 1000) * 1_000_000n;
  for await (const page of openLogSource({ kind: 'victorialogs', url: vl.url }).read('{job="ssh"}', nowNs - BigInt(2 * DAY) * 1_000_000n, nowNs)) {
    searchable += page.length;
  }
  assert.equal(searchable, pushed);

  const storeDir = join(dir, 'store');
  // Rows become searchable in VictoriaLogs about a second after a push: polls stay 2.5 s behind.
  const runner = { defaultBackfillMs: 2 * DAY, lagMs: 2500 };
  let svc: RunningService = await startService({ logStore: { kind: 'victorialogs' as const, url: vl.url }, storeDir, runner });
  let closed = false;
  t.after(() => (closed ? undefined : svc.close()));

  const created = await svc.call('POST', '/watches', { body: { name: 'ssh', selector: '{job="ssh"}' } });
  assert.equal(created.status, 201);
  assert.equal(created.json.name, 'ssh');
  assert.equal((await svc.call('POST', '/watches', { body: { name: 'ssh', selector: '{job="ssh"}' } })).status, 409);

  const stats = await waitFor('all replayed lines counted', async () => {
    const s = await svc.call('GET', '/stats?watch=ssh');
    return s.json.events === pushed ? s.json : undefined;
  });
  assert.ok(stats.patterns > 5 && stats.patterns < pushed, `patterns: ${stats.patterns}`);
  assert.equal((await svc.call('GET', '/watches/ssh')).json.state, 'following');

  const now = Date.now();
  const range = `from=${now - 2 * DAY}&to=${now + 60_000}`;
  const events = await svc.call('GET', `/counts?watch=ssh&${range}&step=3600&kind=events`);
  assert.equal(events.status, 200);
  assert.equal(sum(events.json.points), pushed);
  const volumes = await svc.call('GET', `/volumes?watch=ssh&${range}&step=3600`);
  assert.equal(volumes.status, 200);
  assert.equal(
    volumes.json.series.reduce((a: number, s: { points: number[][] }) => a + sum(s.points), 0),
    pushed,
  );
  const web1 = await svc.call('GET', `/volumes?watch=ssh&${range}&step=3600&labels=${encodeURIComponent('{host="web-1"}')}`);
  assert.equal(
    web1.json.series.reduce((a: number, s: { points: number[][] }) => a + sum(s.points), 0),
    8,
  ); // every 5th brute-force line

  // Outliers: the never-seen error is far from everything; the brute force spreads over hosts and users.
  const outliers = (await svc.call('GET', `/outliers?watch=ssh&${range}&limit=1000`)).json.outliers as any[];
  const fatal = outliers.find((o) => o.line === NEW_ERROR_LINE);
  assert.ok(fatal, `the injected error is an outlier: ${JSON.stringify(outliers.map((o) => [o.kind, o.reasons, o.line]).slice(0, 20))}`);
  assert.equal(fatal.kind, 'distance');
  assert.match(fatal.reasons[0], /unlike anything known: nearest known pattern .* at distance 0\.\d+ > threshold/);
  assert.ok(fatal.score > 0.5 && fatal.distance > DEFAULT_THRESHOLD);
  const spread = outliers.find((o) => o.kind === 'entity' && o.reasons[0].includes(BRUTE_FORCE_IP));
  assert.ok(spread, `an entity-spread outlier names ${BRUTE_FORCE_IP}`);
  assert.match(spread.reasons[0], /seen across \d+ (hosts|users)/);
  for (let i = 1; i < outliers.length; i++) assert.ok(outliers[i - 1].timeMs >= outliers[i].timeMs, 'newest first');
  assert.equal(new Set(outliers.map((o) => o.id)).size, outliers.length, 'no outlier twice');

  // Clusters and the scatter come from the stored clustering of every pattern.
  const scatter = await waitFor('every pattern placed', async () => {
    const s = await svc.call('GET', '/scatter?watch=ssh');
    return s.json.points.length === stats.patterns ? s.json.points : undefined;
  });
  assert.equal(
    scatter.reduce((a: number, p: { count: number }) => a + p.count, 0),
    pushed,
  );
  assert.ok(scatter.every((p: { x: number; y: number }) => Number.isFinite(p.x) && Number.isFinite(p.y)));
  // The clusters listed are exactly those the scatter's points belong to, each with a readable label.
  const listed = (await svc.call('GET', '/clusters?watch=ssh')).json as { total: number; clusters: Array<{ id: string; label: string; size: number }> };
  const clusters = listed.clusters;
  assert.equal(listed.total, clusters.length);
  for (let i = 1; i < clusters.length; i++) assert.ok(clusters[i - 1].size >= clusters[i].size, 'largest first');
  // With a limit: the largest few, and how many there are.
  assert.ok(clusters.length >= 2, `${clusters.length} clusters`);
  const first = (await svc.call('GET', '/clusters?watch=ssh&limit=1')).json as typeof listed;
  assert.deepEqual(first, { total: clusters.length, clusters: clusters.slice(0, 1) });
  assert.equal((await svc.call('GET', '/clusters?watch=ssh&limit=0')).status, 400);
  // Revalidation: the answer's tag sent back gives 304 and no body while nothing changed; another
  // request's tag, or another tenant's same request, does not.
  const tagged = await svc.call('GET', '/clusters?watch=ssh&limit=1');
  const tag = tagged.headers.get('etag')!;
  assert.match(tag, /^"[\w-]+"$/);
  const unchanged = await svc.call('GET', '/clusters?watch=ssh&limit=1', { headers: { 'If-None-Match': tag } });
  assert.deepEqual([unchanged.status, unchanged.text], [304, '']);
  const otherTag = (await svc.call('GET', '/clusters?watch=ssh')).headers.get('etag')!;
  assert.notEqual(otherTag, tag);
  assert.equal((await svc.call('GET', '/clusters?watch=ssh&limit=1', { headers: { 'If-None-Match': otherTag } })).status, 200);
  assert.equal((await svc.call('GET', '/clusters?watch=ssh&limit=1', { headers: { 'If-None-Match': `"x", ${tag}` } })).status, 304);
  const placed = new Set(scatter.map((p: { cluster: string }) => p.cluster).filter((c: string) => c !== 'noise'));
  assert.ok(placed.size > 0, 'some pattern is in a cluster');
  assert.deepEqual(new Set(clusters.map((c) => c.id)), placed);
  assert.ok(
    clusters.every((c) => c.label.length > 0 && !/^c\d+$/.test(c.label)),
    JSON.stringify(clusters.map((c) => c.label)),
  );
  // Volumes per cluster, largest first; with top=1 the rest are summed per step as "other", and a cluster
  // asked for by id comes alone (with "other" only when asked for too).
  type Series = { cluster: string; label: string; clusterLabel: string; points: number[][] };
  const all = (await svc.call('GET', `/volumes?watch=ssh&${range}&step=3600&top=100`)).json.series as Series[];
  assert.ok(all.length >= 2 && all.some((s) => s.cluster !== 'noise'), JSON.stringify(all.map((s) => s.cluster)));
  for (let i = 1; i < all.length; i++) assert.ok(sum(all[i - 1].points) >= sum(all[i].points), 'largest first');
  const top1 = (await svc.call('GET', `/volumes?watch=ssh&${range}&step=3600&top=1`)).json.series as Series[];
  assert.deepEqual(top1[0], all[0]);
  assert.deepEqual(top1[1], {
    cluster: 'other',
    label: `${all.length - 1} other cluster${all.length === 2 ? '' : 's'}`,
    clusterLabel: `${all.length - 1} other cluster${all.length === 2 ? '' : 's'}`,
    points: all[0].points.map(([t], i) => [t, all.slice(1).reduce((a, s) => a + s.points[i][1], 0)]),
  });
  const asked = (await svc.call('GET', `/volumes?watch=ssh&${range}&step=3600&cluster=${all[1].cluster}`)).json.series as Series[];
  assert.deepEqual(asked, [all[1]]);
  const askedOther = (await svc.call('GET', `/volumes?watch=ssh&${range}&step=3600&cluster=${all[1].cluster}&cluster=other`)).json.series as Series[];
  assert.deepEqual(
    askedOther.map((s) => [s.cluster, sum(s.points)]),
    [
      [all[1].cluster, sum(all[1].points)],
      ['other', pushed - sum(all[1].points)],
    ],
  );

  // Similar: a pasted line meets its pattern; a pattern's neighbours leave the pattern itself out.
  const similar = await svc.call('POST', '/similar', {
    body: { watch: 'ssh', line: 'Dec 10 07:07:38 LabSZ sshd[24206]: Failed password for root from 10.1.2.3 port 4242 ssh2', k: 3 },
  });
  assert.equal(similar.status, 200);
  // Its template first (a known kind of line: distance 0), shown with a root example.
  assert.match(similar.json.results[0].canonical, /Failed password for <\*> from/);
  assert.equal(similar.json.results[0].distance, 0);
  assert.match(similar.json.results[0].example, /Failed password for root/);
  const byPattern = await svc.call('POST', '/similar', { body: { watch: 'ssh', pattern: similar.json.results[0].pattern, k: 3 } });
  assert.equal(byPattern.json.results.length, 3);
  assert.ok(byPattern.json.results.every((r: { pattern: string }) => r.pattern !== similar.json.results[0].pattern));

  // Auth and bad input: 4xx with a message, never a crash.
  assert.equal((await svc.call('GET', '/stats?watch=ssh', { token: null })).status, 401);
  assert.equal((await svc.call('GET', '/stats?watch=ssh', { token: 'wrong' })).status, 401);
  assert.equal((await svc.call('GET', '/health', { token: null })).status, 200);
  for (const [method, path, body] of [
    ['GET', `/volumes?watch=ssh&from=abc&to=1&step=60`],
    ['GET', `/volumes?watch=ssh&${range}&step=0`],
    ['GET', `/volumes?watch=ssh&${range}&step=60&labels=${encodeURIComponent('{host=web-1')}`],
    ['GET', `/counts?watch=ssh&${range}&step=60&kind=bytes`],
    ['GET', `/outliers?watch=ssh&from=10&to=5`],
    ['GET', `/counts?watch=ssh&from=0&to=${now}&step=1&kind=events`],
    ['POST', '/similar', { watch: 'ssh', line: 'x', pattern: 'y' }],
    ['POST', '/watches', { name: 'bad name!', selector: '{job="x"}' }],
    ['POST', '/watches', { name: 'metric', selector: 'rate({job="x"}[1m])' }],
    ['POST', '/feedback', { watch: 'ssh', kind: 'love', target: 'c0' }],
    ['POST', '/jobs', { from: 1, to: 2 }],
  ] as Array<[string, string, unknown?]>) {
    const res = await svc.call(method, path, { body });
    assert.equal(res.status, 400, `${method} ${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.json)}`);
    assert.equal(typeof res.json.error, 'string');
    assert.ok(res.json.error.length > 0 && !res.json.error.includes('\n'));
  }
  assert.equal((await svc.call('GET', '/stats?watch=nope')).status, 404);
  assert.equal((await svc.call('GET', '/nothing-here')).status, 404);
  const badJson = await fetch(`${svc.url}/api/v1/similar`, {
    method: 'POST',
    headers: { Authorization: 'Bearer test-token-123', 'Content-Type': 'application/json' },
    body: '{"watch":',
  });
  assert.equal(badJson.status, 400);

  // Feedback: suppressing the error's pattern hides its outlier, now and after a restart.
  const outliersPath = `/outliers?watch=ssh&${range}&limit=1000`;
  const beforeFeedback = (await svc.call('GET', outliersPath)).headers.get('etag')!;
  assert.equal((await svc.call('GET', outliersPath, { headers: { 'If-None-Match': beforeFeedback } })).status, 304);
  const fb = await svc.call('POST', '/feedback', { body: { watch: 'ssh', kind: 'suppress_pattern', target: fatal.pattern, note: 'known test line' } });
  assert.equal(fb.status, 201);
  assert.deepEqual(fb.json.patterns, [fatal.pattern]);
  const countOutliers = async () => sum((await svc.call('GET', `/counts?watch=ssh&${range}&step=3600&kind=outliers`)).json.points);
  const afterFeedback = await svc.call('GET', outliersPath, { headers: { 'If-None-Match': beforeFeedback } });
  assert.equal(afterFeedback.status, 200, 'the tag of the answer before the feedback is stale');
  const outliersAfter = afterFeedback.json.outliers as any[];
  assert.equal(outliersAfter.length, outliers.length - 1);
  assert.ok(!outliersAfter.some((o) => o.line === NEW_ERROR_LINE));
  assert.equal(await countOutliers(), outliers.length - 1);

  // Restart: lines pushed while the service is down (many sharing timestamps) are counted once.
  // Lines pushed while the service is down are newer than where it stopped: after its cursor
  // (a timestamp older than the cursor is, by design, a late line the watch has passed).
  const cursorMs = Number((await svc.call('GET', '/watches/ssh')).json.cursorMs);
  const tagBeforeRestart = (await svc.call('GET', '/clusters?watch=ssh')).headers.get('etag')!;
  await svc.close();
  closed = true;
  const http = vl.pushClient();
  const base = BigInt(Math.max(Date.now(), cursorMs + 1)) * 1_000_000n;
  const extra: PushEntry[] = Array.from({ length: 30 }, (_, i) => ({
    stream: { job: 'ssh' },
    tsNs: base + BigInt(Math.floor(i / 6)) * 1_000_000n,
    line: `Dec 10 11:00:0${i % 10} LabSZ sshd[${30000 + i}]: Connection closed by 10.0.0.${i} [preauth]`,
  }));
  await push(http, extra);
  await vl.flush();
  svc = await startService({ logStore: { kind: 'victorialogs' as const, url: vl.url }, storeDir, runner: { ...runner, pageLimit: 4 } });
  closed = false;
  let seen = '';
  await waitFor(
    'the lines pushed while down',
    async () => {
      const s = await svc.call('GET', '/stats?watch=ssh');
      seen = JSON.stringify({ stats: s.json, watch: (await svc.call('GET', '/watches/ssh')).json, health: (await svc.call('GET', '/health')).json });
      return s.json.events === pushed + 30 ? true : undefined;
    },
    120_000,
    () => seen,
  );
  // Versions start again with the engine: a tag from before the restart is never taken for a current one.
  assert.equal((await svc.call('GET', '/clusters?watch=ssh', { headers: { 'If-None-Match': tagBeforeRestart } })).status, 200);
  await new Promise((r) => setTimeout(r, 1500)); // a few more polls: nothing may be counted twice
  assert.equal((await svc.call('GET', '/stats?watch=ssh')).json.events, pushed + 30);
  assert.equal((await svc.call('GET', '/feedback?watch=ssh')).json.feedback.length, 1);
  assert.ok(!((await svc.call('GET', `/outliers?watch=ssh&${range}&limit=1000`)).json.outliers as any[]).some((o) => o.line === NEW_ERROR_LINE));

  // A range job reads the same lines once and knows every pattern the watch knows.
  const job = await svc.call('POST', '/jobs', { body: { watch: 'ssh', from: now - 2 * DAY, to: Date.now() } });
  assert.equal(job.status, 202);
  const done = await waitFor('the job', async () => {
    const j = await svc.call('GET', `/jobs/${job.json.id}`);
    return j.json.state === 'done' || j.json.state === 'failed' ? j.json : undefined;
  });
  assert.equal(done.state, 'done', done.error);
  assert.equal(done.result.events, pushed + 30);
  assert.equal(done.progress, 1);

  // The OpenAPI document names every route of docs/api.md and is readable without a token.
  const openapi = await svc.call('GET', '/openapi.json', { token: null });
  assert.equal(openapi.status, 200);
  for (const path of [
    '/health',
    '/stats',
    '/watches',
    '/watches/{name}',
    '/volumes',
    '/outliers',
    '/counts',
    '/scatter',
    '/clusters',
    '/similar',
    '/feedback',
    '/jobs',
    '/jobs/{id}',
  ]) {
    assert.ok(openapi.json.paths[path], `openapi lists ${path}`);
  }
  assert.equal((await svc.call('DELETE', '/watches/ssh')).status, 204);
  assert.equal((await svc.call('GET', '/stats?watch=ssh')).status, 404);
});

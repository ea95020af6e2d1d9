// "What changed", search by description, readable cluster names, feedback undo and watch edit, end to
// end: a real VictoriaLogs holding a baseline window and a range window of known lines, the service with
// the real model following it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PushEntry } from '../loki/push.js';
import { openLogSource } from '../logstore/log-source.js';
import { NEW_ERROR_LINE } from '../replay/anomalies.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { logqlToLogsql } from '../victorialogs/logsql.js';
import { startService, waitFor } from './service-fixtures.js';

const MIN = 60_000;
const STEP = 10 * MIN;
const header = (i: number) => `Dec 10 07:${String(10 + (i % 50)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} LabSZ sshd[${24000 + i}]:`;
const ip = (i: number) => `10.${1 + (i % 7)}.${(i * 13) % 250}.${(i * 7) % 250}`;

const kinds = {
  closed: (i: number) => `${header(i)} Connection closed by ${ip(i)} [preauth]`,
  failed: (i: number) => `${header(i)} Failed password for root from ${ip(i)} port ${30000 + i} ssh2`,
  accepted: (i: number) => `${header(i)} Accepted publickey for deploy from ${ip(i)} port ${40000 + i} ssh2`,
  oom: (i: number) =>
    `Dec 10 07:30:${String(i % 60).padStart(2, '0')} LabSZ kernel: Out of memory: Kill process ${1000 + i} (java) score ${800 + i} or sacrifice child`,
  rare: (i: number) => `${header(i)} Received disconnect from ${ip(i)}: 11: Bye Bye [preauth]`,
};

test('changes, search, cluster labels, feedback undo and watch edit on a real VictoriaLogs', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  // Two whole 10-minute steps in the past: the baseline [T − 20 min, T − 10 min) and the range [T − 10 min, T).
  const T = Math.floor(Date.now() / STEP) * STEP;
  const rangeFrom = T - STEP;
  const baseFrom = T - 2 * STEP;
  const entries: PushEntry[] = [];
  const pushed: Record<string, string[]> = {};
  const add = (kind: keyof typeof kinds | 'error', n: number, fromMs: number, host = 'h1') => {
    for (let i = 0; i < n; i++) {
      const line = kind === 'error' ? NEW_ERROR_LINE : kinds[kind](i + ((fromMs / 1000) % 5000));
      (pushed[kind] ??= []).push(line);
      entries.push({ stream: { job: 'app', host }, tsNs: BigInt(fromMs + Math.floor(((i + 0.5) * (STEP - 1000)) / n)) * 1_000_000n, line });
    }
  };
  add('rare', 1, T - 6 * STEP); // seen an hour before the baseline: its one line in the range is not new
  add('closed', 30, baseFrom);
  add('failed', 20, baseFrom);
  add('accepted', 25, baseFrom);
  add('closed', 30, rangeFrom);
  add('failed', 200, rangeFrom);
  add('oom', 15, rangeFrom);
  add('rare', 1, rangeFrom);
  add('error', 1, rangeFrom);
  await vl.push(entries);

  const svc = await startService({ logStore: { kind: 'victorialogs', url: vl.url }, runner: { defaultBackfillMs: 2 * 3_600_000, lagMs: 2500 } });
  t.after(() => svc.close());
  assert.equal((await svc.call('POST', '/watches', { body: { name: 'app', selector: '{job="app"}' } })).status, 201);
  await waitFor('every line counted', async () => ((await svc.call('GET', '/stats?watch=app')).json.events === entries.length ? true : undefined));

  // What changed in the range against the 10 minutes before it (the default baseline).
  const res = await svc.call('GET', `/changes?watch=app&from=${rangeFrom}&to=${T}`);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const c = res.json;
  assert.deepEqual([c.from, c.to, c.baselineFrom, c.baselineTo], [rangeFrom, T, baseFrom, rangeFrom]);
  const rows = c.templates as any[];
  const row = (kind: string) => {
    const r = rows.find((x) => x.examples.includes(pushed[kind][0]) || x.examples.some((e: string) => pushed[kind].includes(e)));
    assert.ok(r, `a row for ${kind}: ${JSON.stringify(rows.map((x) => [x.status, x.canonical, x.count, x.baselineCount]))}`);
    return r;
  };
  const [oom, error, accepted, failed, closed, rare] = ['oom', 'error', 'accepted', 'failed', 'closed', 'rare'].map(row);
  t.diagnostic(JSON.stringify(rows.map((x) => [x.status, x.count, x.baselineCount, x.ratio, Number(x.score.toFixed(2)), x.canonical])));
  assert.deepEqual([oom.status, oom.count, oom.baselineCount], ['new', 15, 0]);
  assert.deepEqual([error.status, error.count, error.baselineCount], ['new', 1, 0]);
  assert.deepEqual([accepted.status, accepted.count, accepted.baselineCount], ['gone', 0, 25]);
  assert.deepEqual([failed.status, failed.count, failed.baselineCount, failed.ratio], ['grown', 200, 20, 10]);
  assert.deepEqual([closed.status, closed.count, closed.baselineCount], ['steady', 30, 30]);
  assert.deepEqual([rare.status, rare.count, rare.baselineCount], ['steady', 1, 0]); // first seen long before: not new
  // Small counts are weak evidence: one new line is new but not significant; 15 and 200-vs-20 are.
  assert.ok(error.score < 1 && rare.score < 1, `${error.score} ${rare.score}`);
  assert.ok(oom.score > 3 && failed.score > 20, `${oom.score} ${failed.score}`);
  // Order: new (the significant one first), then gone, then by significance.
  assert.deepEqual(
    rows.slice(0, 4).map((r) => r.pattern),
    [oom.pattern, error.pattern, accepted.pattern, failed.pattern],
  );
  for (const r of rows) {
    assert.equal(typeof r.clusterLabel, 'string');
    assert.ok(r.clusterLabel.length > 0 && !/^c\d+$/.test(r.clusterLabel), r.clusterLabel);
    assert.ok(r.examples.length >= 1 && r.examples.length <= 3);
    assert.equal(r.logsql, logqlToLogsql(r.query));
  }
  const clusters = c.clusters as any[];
  assert.ok(clusters.length > 0 && clusters.every((x) => typeof x.clusterLabel === 'string' && x.count + x.baselineCount > 0));
  assert.equal(
    clusters.reduce((a, x) => a + x.count, 0),
    entries.filter((e) => e.tsNs >= BigInt(rangeFrom) * 1_000_000n).length,
  );

  // A row's query selects exactly that template's lines in VictoriaLogs.
  const source = openLogSource({ kind: 'victorialogs', url: vl.url });
  const linesOf = async (query: string) => {
    const out: string[] = [];
    for await (const page of source.read(query, BigInt(T - 8 * STEP) * 1_000_000n, BigInt(T) * 1_000_000n)) for (const e of page) out.push(e.line);
    return out.sort();
  };
  assert.deepEqual(await linesOf(failed.query), [...pushed.failed].sort());
  assert.deepEqual(await linesOf(oom.query), [...pushed.oom].sort());

  // A cluster row's query selects the lines of its templates (those with events in either window).
  const failedCluster = clusters.find((x) => x.cluster === failed.cluster)!;
  const memberRows = rows.filter((r) => r.cluster === failed.cluster);
  assert.equal(failedCluster.templates, memberRows.length);
  assert.equal(
    (await linesOf(failedCluster.query)).length,
    memberRows.reduce((a, r) => a + r.count + r.baselineCount, 0) + (memberRows.some((r) => r.pattern === rare.pattern) ? 1 : 0),
  );

  // The alert series: per step, templates whose rate rose significantly against the step before.
  const grown = await svc.call('GET', `/counts?watch=app&from=${baseFrom}&to=${T}&step=600&kind=grown_templates`);
  assert.equal(grown.status, 200, JSON.stringify(grown.json));
  // Baseline step: closed, failed, accepted rose from nothing (30, 20, 25 lines); range step: failed and oom.
  assert.deepEqual(grown.json.points, [
    [baseFrom, 3],
    [rangeFrom, 2],
  ]);

  // Search by description: the out-of-memory template, with a query for its lines.
  const search = await svc.call('POST', '/search', { body: { watch: 'app', text: 'the kernel killed a process because memory ran out', k: 2 } });
  assert.equal(search.status, 200, JSON.stringify(search.json));
  assert.equal(search.json.results[0].pattern, oom.pattern, JSON.stringify(search.json.results.map((r: any) => r.canonical)));
  assert.ok(search.json.results[0].score > search.json.results[1].score);
  assert.deepEqual(await linesOf(search.json.results[0].query), [...pushed.oom].sort());
  const both = new Set([...search.json.results.flatMap((r: any) => [r.pattern])]);
  const bothLines = rows.filter((r) => both.has(r.pattern)).reduce((a, r) => a + r.count + r.baselineCount, 0);
  assert.equal((await linesOf(search.json.query)).length, bothLines);

  // Readable cluster names wherever a cluster is named.
  const scatter = await waitFor('patterns placed', async () => {
    const s = await svc.call('GET', '/scatter?watch=app');
    return s.json.points.length >= 6 ? s.json.points : undefined;
  });
  assert.ok(scatter.every((p: any) => typeof p.clusterLabel === 'string' && p.clusterLabel.length > 0 && !/^c\d+$/.test(p.clusterLabel)));
  const volumes = await svc.call('GET', `/volumes?watch=app&from=${baseFrom}&to=${T}&step=600`);
  assert.ok(
    volumes.json.series.every((s: any) => s.clusterLabel === s.label && !/^c\d+$/.test(s.clusterLabel)),
    JSON.stringify(volumes.json.series),
  );
  const outliers = (await svc.call('GET', `/outliers?watch=app&from=${baseFrom}&to=${T}&limit=100`)).json.outliers as any[];
  const errorOutlier = outliers.find((o) => o.line === NEW_ERROR_LINE);
  assert.ok(errorOutlier, JSON.stringify(outliers.map((o) => o.line)));
  assert.ok(outliers.every((o) => (o.cluster === null) === (o.clusterLabel === null)));

  // Feedback undo: suppressing the error's pattern hides its outlier; deleting the feedback brings it back.
  const countOutliers = async () =>
    (await svc.call('GET', `/counts?watch=app&from=${baseFrom}&to=${T}&step=600&kind=outliers`)).json.points.reduce((a: number, p: number[]) => a + p[1], 0);
  const before = await countOutliers();
  const fb = await svc.call('POST', '/feedback', { body: { watch: 'app', kind: 'suppress_pattern', target: errorOutlier.pattern } });
  assert.equal(fb.status, 201);
  assert.equal(await countOutliers(), before - 1);
  assert.equal((await svc.call('DELETE', `/feedback/${fb.json.id}`)).status, 204);
  assert.equal(await countOutliers(), before);
  assert.equal((await svc.call('GET', '/feedback?watch=app')).json.feedback.length, 0);
  assert.equal((await svc.call('DELETE', `/feedback/${fb.json.id}`)).status, 404);
  assert.equal((await svc.call('DELETE', '/feedback/not a uuid!')).status, 400);

  // Watch edit: the store stays, the new query is read from the cursor on.
  const bad = await svc.call('PATCH', '/watches/app', { body: { selector: 'rate({job="app"}[1m])' } });
  assert.equal(bad.status, 400, JSON.stringify(bad.json));
  assert.equal((await svc.call('PATCH', '/watches/nope', { body: { selector: '{job="app"}' } })).status, 404);
  const edited = await svc.call('PATCH', '/watches/app', { body: { selector: '{job="app", host="h2"}' } });
  assert.equal(edited.status, 200, JSON.stringify(edited.json));
  assert.equal(edited.json.selector, '{job="app", host="h2"}');
  assert.equal((await svc.call('GET', '/watches/app')).json.selector, '{job="app", host="h2"}');
  assert.equal((await svc.call('GET', '/stats?watch=app')).json.events, entries.length);
  const later = Date.now();
  await vl.push([
    { stream: { job: 'app', host: 'h1' }, tsNs: BigInt(later) * 1_000_000n, line: kinds.closed(9001) },
    { stream: { job: 'app', host: 'h2' }, tsNs: BigInt(later) * 1_000_000n, line: kinds.closed(9002) },
    { stream: { job: 'app', host: 'h2' }, tsNs: BigInt(later + 1) * 1_000_000n, line: kinds.closed(9003) },
  ]);
  await waitFor('the new query read', async () => ((await svc.call('GET', '/stats?watch=app')).json.events === entries.length + 2 ? true : undefined));
  await new Promise((r) => setTimeout(r, 3000)); // a few more polls: the h1 line is never counted
  assert.equal((await svc.call('GET', '/stats?watch=app')).json.events, entries.length + 2);
  assert.equal((await svc.call('GET', '/watches/app')).json.state, 'following');

  // Bad input: a clear 400.
  for (const path of [
    `/changes?watch=app&from=${T}&to=${rangeFrom}`,
    `/changes?watch=app&from=${rangeFrom}&to=${T}&baselineFrom=${baseFrom}`,
    `/changes?watch=app&from=${rangeFrom}&to=${T}&baselineFrom=${rangeFrom}&baselineTo=${baseFrom}`,
  ]) {
    const r = await svc.call('GET', path);
    assert.equal(r.status, 400, `${path} → ${JSON.stringify(r.json)}`);
  }
  assert.equal((await svc.call('POST', '/search', { body: { watch: 'app', text: '   ' } })).status, 400);
  const openapi = (await svc.call('GET', '/openapi.json', { token: null })).json;
  for (const path of ['/changes', '/search', '/feedback/{id}']) assert.ok(openapi.paths[path], path);
  assert.ok(openapi.paths['/watches/{name}'].patch);
});

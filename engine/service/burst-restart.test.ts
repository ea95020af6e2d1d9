// Burst windows survive a crash: `logatlas serve` is killed with SIGKILL in the middle of a burst and
// started again on the same store. The windows are committed with the cursor, so the burst is reported
// exactly once: not missed (half its events before the kill, half after) and not repeated (an alert
// before the kill, the burst going on after it within the same window).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PushEntry } from '../loki/push.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { waitFor } from './service-fixtures.js';
import { appWatchArgs, kill9, startServeProcess, type ServeProcess } from './serve-process.js';

const TOKEN = 'burst-token';
// The default burst rule: at least 50 events of one key within 5 minutes (and 5× its usual rate).
const line = (i: number) => `payment ${i} declined: card expired`;

async function api(serve: ServeProcess, path: string): Promise<any> {
  const res = await fetch(`${serve.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return res.ok ? res.json() : undefined;
}

async function burstOutliers(serve: ServeProcess): Promise<Array<{ reasons: string[] }>> {
  const now = Date.now();
  const body = await api(serve, `/outliers?watch=app&from=${now - 3_600_000}&to=${now + 60_000}&limit=500`);
  return (body?.outliers ?? []).filter((o: { kind: string }) => o.kind === 'burst');
}

for (const [name, before, after] of [
  ['not missed: 30 events before the kill, 30 after', 30, 30],
  ['not repeated: 60 events before the kill (an alert), 60 more after it in the same window', 60, 60],
] as const) {
  test(`a burst across kill -9 is reported exactly once, ${name}`, async (t) => {
    const vl = await startVictoriaLogs();
    t.after(() => vl.stop());
    const store = join(mkdtempSync(join(tmpdir(), 'logatlas-burst-')), 'store');
    const args = appWatchArgs(vl.url, store, TOKEN);
    let i = 0;
    const push = async (n: number) => {
      const base = BigInt(Date.now()) * 1_000_000n;
      const batch: PushEntry[] = Array.from({ length: n }, (_, j) => ({ stream: { job: 'app' }, tsNs: base + BigInt(j) * 1_000_000n, line: line(i++) }));
      await vl.push(batch); // flushed: searchable before a poll can pass their time
    };

    let serve = await startServeProcess(args);
    t.after(() => kill9(serve.child));
    await push(before);
    await waitFor(`${before} counted`, async () => ((await api(serve, '/stats?watch=app'))?.events === before ? true : undefined));
    const beforeKill = (await burstOutliers(serve)).length;
    assert.equal(beforeKill, before >= 50 ? 1 : 0, 'the first run alerts only once it has seen 50');
    await kill9(serve.child);

    serve = await startServeProcess(args);
    await push(after);
    await waitFor(`${before + after} counted`, async () => ((await api(serve, '/stats?watch=app'))?.events === before + after ? true : undefined));
    await new Promise((r) => setTimeout(r, 1000));
    const bursts = await burstOutliers(serve);
    assert.equal(bursts.length, 1, JSON.stringify(bursts));
    assert.match(bursts[0].reasons[0], /^burst: \d+ events of pattern "payment <NUM> declined: card expired" in 5 min/);
  });
}

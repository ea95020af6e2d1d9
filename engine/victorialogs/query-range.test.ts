// The VictoriaLogs client against a real VictoriaLogs (tools/victorialogs, built on first use).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LokiHttp } from '../loki/http.js';
import { pushBatch, type PushEntry } from '../loki/push.js';
import { openLogSource } from '../logstore/log-source.js';
import type { LokiEntry } from '../loki/entry.js';
import { startVictoriaLogs, type LocalVictoriaLogs } from './harness.js';
import { tenantHeaders, parseTenant } from './tenant.js';

let vl: LocalVictoriaLogs;
before(async () => {
  vl = await startVictoriaLogs();
});
after(async () => {
  await vl?.stop();
});

const T0 = 1_700_000_000_000_000_000n;

async function pushAs(tenant: string | undefined, entries: PushEntry[]): Promise<void> {
  const http = new LokiHttp({ url: `${vl.url}/insert`, headers: tenantHeaders(tenant === undefined ? undefined : parseTenant(tenant)) });
  await pushBatch(http, entries);
  await vl.flush();
}

async function readAll(query: string, startNs: bigint, endNs: bigint, pageLimit: number, tenant?: string): Promise<LokiEntry[][]> {
  const pages: LokiEntry[][] = [];
  for await (const page of openLogSource({ kind: 'victorialogs', url: vl.url }, tenant).read(query, startNs, endNs, { pageLimit })) pages.push(page);
  return pages;
}

test('a range is read exactly once, oldest first, across pages, crowded timestamps and exact duplicates', async () => {
  const entries: PushEntry[] = [];
  // 40 lines one ns apart, then 25 lines at one timestamp (more than a page), then two exact duplicates.
  for (let i = 0; i < 40; i++) entries.push({ stream: { job: 'exact' }, tsNs: T0 + BigInt(i), line: `line ${i}` });
  for (let i = 0; i < 25; i++) entries.push({ stream: { job: 'exact', host: `h${i % 3}` }, tsNs: T0 + 100n, line: `crowd ${i}` });
  entries.push({ stream: { job: 'exact' }, tsNs: T0 + 200n, line: 'twice' }, { stream: { job: 'exact' }, tsNs: T0 + 200n, line: 'twice' });
  await pushAs(undefined, entries);
  const pages = await readAll('{job="exact"}', T0, T0 + 1_000n, 7);
  const all = pages.flat();
  assert.equal(all.length, entries.length);
  assert.ok(
    pages.every((p) => p.length <= 7),
    pages.map((p) => p.length).join(','),
  );
  for (let i = 1; i < all.length; i++) assert.ok(all[i].tsNs >= all[i - 1].tsNs, 'oldest first');
  assert.deepEqual(
    all.filter((e) => e.line.startsWith('line')).map((e) => e.line),
    entries.slice(0, 40).map((e) => e.line),
  );
  assert.equal(new Set(all.filter((e) => e.line.startsWith('crowd')).map((e) => e.line)).size, 25);
  assert.equal(all.filter((e) => e.line === 'twice').length, 2, 'VictoriaLogs keeps exact duplicates: two events');
  // start inclusive, end exclusive, to the nanosecond
  const window = (await readAll('{job="exact"}', T0 + 10n, T0 + 20n, 100)).flat();
  assert.deepEqual(
    window.map((e) => e.line),
    Array.from({ length: 10 }, (_, i) => `line ${i + 10}`),
  );
  assert.deepEqual(all.find((e) => e.line === 'crowd 4')!.stream, { job: 'exact', host: 'h1' });
});

test('line filters are substrings as in Loki, regexps too, and their negations', async () => {
  await pushAs(undefined, [
    { stream: { job: 'filters' }, tsNs: T0, line: 'Failed password for root' },
    { stream: { job: 'filters' }, tsNs: T0 + 1n, line: 'Accepted password for someerrors here' },
    { stream: { job: 'filters' }, tsNs: T0 + 2n, line: 'path a.b(c) seen' },
  ]);
  const lines = async (q: string) => (await readAll(q, T0, T0 + 10n, 100)).flat().map((e) => e.line);
  assert.deepEqual(await lines('{job="filters"} |= "error"'), ['Accepted password for someerrors here'], 'a substring inside a word');
  assert.deepEqual(await lines('{job="filters"} |= "a.b(c)"'), ['path a.b(c) seen']);
  assert.deepEqual(await lines('{job="filters"} != "password"'), ['path a.b(c) seen']);
  assert.deepEqual(await lines('{job="filters"} |~ "^(Failed|Accepted)" !~ "root"'), ['Accepted password for someerrors here']);
});

test('tenants are isolated; a tenant name the store cannot carry is refused', async () => {
  await pushAs('7:1', [{ stream: { job: 'tenant' }, tsNs: T0, line: 'seven' }]);
  await pushAs('8', [{ stream: { job: 'tenant' }, tsNs: T0, line: 'eight' }]);
  const of = async (tenant: string | undefined) => (await readAll('{job="tenant"}', T0, T0 + 10n, 100, tenant)).flat().map((e) => e.line);
  assert.deepEqual(await of('7:1'), ['seven']);
  assert.deepEqual(await of('8'), ['eight']);
  assert.deepEqual(await of(undefined), []);
  assert.throws(() => openLogSource({ kind: 'victorialogs', url: vl.url }, 'acme'), /AccountID or AccountID:ProjectID/);
});

test('health, and a store that does not answer gives a clear error', async () => {
  assert.deepEqual(await openLogSource({ kind: 'victorialogs', url: vl.url }).ready(), { ok: true });
  const gone = openLogSource({ kind: 'victorialogs', url: 'http://127.0.0.1:9' }, undefined, { maxAttempts: 1, timeoutMs: 2000 });
  const health = await gone.ready();
  assert.equal(health.ok, false);
  assert.match(health.error!, /cannot reach VictoriaLogs at http:\/\/127\.0\.0\.1:9/);
  await assert.rejects(async () => {
    for await (const _ of gone.read('{job="x"}', T0, T0 + 1n)) void _;
  }, /cannot reach VictoriaLogs at http:\/\/127\.0\.0\.1:9/);
  await assert.rejects(async () => {
    for await (const _ of openLogSource({ kind: 'victorialogs', url: vl.url }).read('{job="x"} | json', T0, T0 + 1n)) void _;
  }, /only a stream selector and line filters/);
});

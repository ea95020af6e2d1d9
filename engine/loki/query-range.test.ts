import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entryKey, nowNs, type LokiEntry } from './entry.js';
import { LokiHttp } from './http.js';
import { startFakeLoki } from './testing/fake-loki.js';
import { fakeOnly, lokiTarget, RUN_ID, type LokiTarget } from './testing/loki-target.js';
import { push, type PushEntry } from './push.js';
import { nsParam } from './query-page.js';
import { queryRange, type QueryRangeOptions } from './query-range.js';

// 110 entries over 5 streams: 40 share one timestamp (8 per stream), 60 have their own, 10 share another.
const base = nowNs() - 30n * 60n * 1_000_000_000n;
const T1 = base + 1000n;
const T2 = base + 80_000n;
const END = base + 100_000n;
const pushed: PushEntry[] = [];
for (let i = 0; i < 110; i++) {
  const tsNs = i < 40 ? T1 : i < 100 ? base + 2000n + BigInt(i - 40) * 1000n : T2;
  pushed.push({
    stream: { app: 'qr', host: `h${i % 5}`, run: RUN_ID },
    tsNs,
    line: `level=info n=${i} msg="entry ${i}"`,
    structuredMetadata: { trace_id: `t${i}` },
  });
}
// A real Loki adds service_name (from `app`: discover_service_name) to the stream labels it stores, and
// detected_level to structured metadata (discover_log_levels); the fake does neither.
const real = Boolean(process.env.LOKI_URL);
const asStored = (stream: Record<string, string>) => (real ? { ...stream, service_name: stream.app } : stream);
const asReturned = (e: PushEntry): LokiEntry => ({ ...e, stream: asStored(e.stream), structuredMetadata: e.structuredMetadata ?? {}, parsed: {} });
// Identity without Loki's additions to metadata (detected_level on a real Loki).
const pushedKey = (e: LokiEntry) => entryKey({ ...e, structuredMetadata: { trace_id: e.structuredMetadata.trace_id } });
const pushedKeys = new Set(pushed.map((e) => pushedKey(asReturned(e))));

async function readAll(http: LokiHttp, opts: Partial<QueryRangeOptions> = {}): Promise<{ entries: LokiEntry[]; batches: number[] }> {
  const entries: LokiEntry[] = [];
  const batches: number[] = [];
  for await (const batch of queryRange(http, { query: `{app="qr", run="${RUN_ID}"}`, startNs: base, endNs: END, ...opts })) {
    entries.push(...batch);
    batches.push(batch.length);
  }
  return { entries, batches };
}

function assertExactlyPushed(entries: LokiEntry[]): void {
  const keys = entries.map(pushedKey);
  assert.equal(new Set(keys).size, keys.length, 'no entry twice');
  assert.equal(keys.length, pushed.length);
  assert.deepEqual(new Set(keys), pushedKeys);
  for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1].tsNs <= entries[i].tsNs, 'oldest first');
}

describe(`queryRange against ${real ? 'a real Loki (LOKI_URL)' : 'the fake Loki'}`, () => {
  let loki: LokiTarget;
  let http: LokiHttp;

  before(async () => {
    loki = await lokiTarget();
    http = new LokiHttp({ url: loki.url });
    const result = await push(http, pushed, { batchEntries: 25 });
    assert.equal(result.requests, 5);
  });
  after(() => loki?.close());

  it('reads every entry exactly once with a page limit of 7, across many entries sharing a timestamp', async () => {
    const { entries, batches } = await readAll(http, { pageLimit: 7 });
    assertExactlyPushed(entries);
    assert.ok(
      batches.every((n) => n >= 1 && n <= 7),
      `batches ${batches.join(',')}`,
    );
  });

  it('keeps structured metadata apart from stream labels (categorize-labels)', async () => {
    const { entries } = await readAll(http, { pageLimit: 50 });
    const e = entries.find((x) => x.line.includes('n=41 '))!;
    assert.deepEqual(e.stream, asStored({ app: 'qr', host: 'h1', run: RUN_ID }));
    assert.deepEqual(e.structuredMetadata, real ? { trace_id: 't41', detected_level: 'info' } : { trace_id: 't41' });
    assert.deepEqual(e.parsed, {});
  });

  it(
    'returns labels extracted by a parser stage as parsed',
    { skip: real ? false : 'the fake Loki has no parser stages (a real Loki: LOKI_URL)' },
    async () => {
      const entries: LokiEntry[] = [];
      for await (const b of queryRange(http, { query: `{app="qr", run="${RUN_ID}"} | logfmt | n="7"`, startNs: base, endNs: END })) entries.push(...b);
      assert.equal(entries.length, 1);
      assert.deepEqual(entries[0].stream, asStored({ app: 'qr', host: 'h2', run: RUN_ID }));
      assert.deepEqual(entries[0].structuredMetadata, { trace_id: 't7', detected_level: 'info' });
      assert.deepEqual(entries[0].parsed, { level: 'info', n: '7', msg: 'entry 7' });
    },
  );

  it('splits a range into chunks whose boundaries fall exactly on entries, losing none', async () => {
    const { entries } = await readAll(http, { pageLimit: 7, chunkNs: 5000n });
    assertExactlyPushed(entries);
  });

  it('treats start as inclusive and end as exclusive', async () => {
    const { entries } = await readAll(http, { startNs: T1, endNs: T2, pageLimit: 9 });
    assert.equal(entries.length, 100);
    const { entries: onlyT2 } = await readAll(http, { startNs: T2, endNs: T2 + 1n });
    assert.equal(onlyT2.length, 10);
  });

  it('reads a timestamp shared by more entries than one request may return, stream by stream', async () => {
    // maxLimit 10 < the 40 entries at T1 (8 per stream): paging alone could never get past T1.
    const { entries, batches } = await readAll(http, { pageLimit: 7, maxLimit: 10 });
    assertExactlyPushed(entries);
    assert.ok(batches.every((n) => n <= 7));
  });

  it('says so when one stream alone has more entries at one timestamp than one request may return', async () => {
    await assert.rejects(
      readAll(http, { pageLimit: 3, maxLimit: 5 }),
      /more than 5 entries of stream \{app="qr", host="h\d", run="r\w+"(, service_name="qr")?\} share the timestamp/,
    );
  });

  it('refuses a metric query with a clear message', async () => {
    const before = loki.fake?.requests.length;
    await assert.rejects(readAll(http, { query: 'count_over_time({app="qr"}[1m])' }), /not a LogQL log query/);
    assert.equal(loki.fake?.requests.length, before, 'refused before any request');
  });

  it('returns nothing for an empty range', async () => {
    const { entries } = await readAll(http, { startNs: END, endNs: END + 1_000_000n });
    assert.equal(entries.length, 0);
  });

  it('reads newest first with direction backward, every entry once', async () => {
    const { entries, batches } = await readAll(http, { pageLimit: 7, direction: 'backward' });
    assert.ok(batches.every((n) => n <= 7));
    const keys = entries.map(pushedKey);
    assert.equal(new Set(keys).size, pushed.length);
    assert.deepEqual(new Set(keys), pushedKeys);
    for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1].tsNs >= entries[i].tsNs, 'newest first');
  });

  it('ends when entries differ only by structured metadata at a page edge (each is its own entry)', async () => {
    const t = base + 90_000n;
    const twins: PushEntry[] = Array.from({ length: 12 }, (_, i) => ({
      stream: { app: 'twins', run: RUN_ID },
      tsNs: t,
      line: 'the same line',
      structuredMetadata: { span: `s${i}` },
    }));
    await push(http, twins);
    const out: LokiEntry[] = [];
    for await (const b of queryRange(http, { query: `{app="twins", run="${RUN_ID}"}`, startNs: base, endNs: END, pageLimit: 5 })) out.push(...b);
    assert.deepEqual(out.map((e) => e.structuredMetadata.span).sort(), twins.map((e) => e.structuredMetadata!.span).sort());
  });
});

describe('queryRange against a Loki with a lower max_entries_limit_per_query (fake)', { skip: fakeOnly('its limits set') }, () => {
  it("learns the maximum from Loki's 400 and reads everything within it", async () => {
    const fake = await startFakeLoki({ maxEntriesLimit: 20 });
    try {
      const http = new LokiHttp({ url: fake.url });
      await push(http, pushed);
      const { entries, batches } = await readAll(http);
      assertExactlyPushed(entries);
      assert.ok(batches.every((n) => n <= 20));
      const refused = fake.requests.filter((r) => r.path.startsWith('/loki/api/v1/query_range')).length;
      // The second read asks within the learnt maximum from its first request.
      await readAll(http);
      const after = fake.requests.filter((r) => r.path.startsWith('/loki/api/v1/query_range')).length;
      assert.ok(after - refused < refused, `second read: ${after - refused} requests, first: ${refused}`);
    } finally {
      await fake.close();
    }
  });
});

describe('nsParam', () => {
  it('pads nanoseconds so that Loki never reads them as seconds (10 digits or fewer are seconds to Loki)', () => {
    assert.equal(nsParam(5_000_000_000n), '05000000000');
    assert.equal(nsParam(0n), '00000000000');
    assert.equal(nsParam(1_700_000_000_000_000_000n), '1700000000000000000');
  });

  it('reads entries in the first seconds of 1970 at their time (fake)', { skip: fakeOnly('entries older than any real retention') }, async () => {
    const fake = await startFakeLoki();
    try {
      const http = new LokiHttp({ url: fake.url });
      await push(http, [
        { stream: { app: 'epoch' }, tsNs: 5_000_000_000n, line: 'at 5 s' },
        { stream: { app: 'epoch' }, tsNs: 20_000_000_000n, line: 'at 20 s' },
      ]);
      const out: LokiEntry[] = [];
      for await (const b of queryRange(http, { query: '{app="epoch"}', startNs: 0n, endNs: 10_000_000_000n })) out.push(...b);
      assert.deepEqual(
        out.map((e) => e.line),
        ['at 5 s'],
      );
    } finally {
      await fake.close();
    }
  });
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LokiEntry } from '../loki/entry.js';
import { push } from '../loki/push.js';
import { startVictoriaLogs, type LocalVictoriaLogs } from '../victorialogs/harness.js';
import { openLogSource, type LogSource, type LogStoreConfig } from './log-source.js';
import { readInThread } from './reader-thread.js';

let vl: LocalVictoriaLogs;
let config: LogStoreConfig;
const T0 = 1_700_000_000_000_000_000n;
const LINES = 500;

before(async () => {
  vl = await startVictoriaLogs();
  config = { kind: 'victorialogs', url: vl.url };
  const entries = function* () {
    for (let i = 0; i < LINES; i++) yield { stream: { job: 'thread', host: `h${i % 3}` }, tsNs: T0 + BigInt(i) * 1000n, line: `line ${i} from h${i % 3}` };
  };
  await push(vl.pushClient(), entries());
  await vl.flush();
});
after(async () => {
  await vl?.stop();
});

async function pagesOf(source: LogSource, pageLimit: number, signal?: AbortSignal): Promise<LokiEntry[][]> {
  const pages: LokiEntry[][] = [];
  for await (const page of source.read('{job="thread"}', T0, T0 + BigInt(LINES) * 1000n, { pageLimit, signal })) pages.push(page);
  return pages;
}

test('pages read in the thread are the pages read here: every entry once, in order, labels and times kept', async () => {
  const threaded = readInThread(config);
  try {
    const here = await pagesOf(openLogSource(config), 40);
    const there = await pagesOf(threaded, 40);
    assert.equal(there.flat().length, LINES);
    assert.ok(there.every((p) => p.length <= 40));
    assert.deepEqual(there, here);
    assert.equal(typeof there[0][0].tsNs, 'bigint');
    // The same thread serves the next read.
    assert.deepEqual((await pagesOf(threaded, 200)).flat(), here.flat());
  } finally {
    await threaded.close();
  }
});

test('a reader that stops early, or is aborted, ends its read; the thread goes on serving reads', async () => {
  const threaded = readInThread(config);
  try {
    let seen = 0;
    for await (const page of threaded.read('{job="thread"}', T0, T0 + BigInt(LINES) * 1000n, { pageLimit: 10 })) {
      seen += page.length;
      if (seen >= 20) break;
    }
    assert.ok(seen >= 20 && seen <= 30, `${seen} entries read before stopping`);
    const stop = new AbortController();
    let pages = 0;
    await assert.rejects(async () => {
      for await (const _ of threaded.read('{job="thread"}', T0, T0 + BigInt(LINES) * 1000n, { pageLimit: 10, signal: stop.signal })) {
        void _;
        if (++pages === 2) stop.abort(new Error('watch stopped'));
      }
    }, /watch stopped/);
    assert.equal(pages, 2);
    assert.equal((await pagesOf(threaded, 100)).flat().length, LINES);
  } finally {
    await threaded.close();
  }
});

test('a store that does not answer fails the read with the same clear error as a read here', async () => {
  const gone: LogStoreConfig = { kind: 'victorialogs', url: 'http://127.0.0.1:9' };
  const threaded = readInThread(gone, undefined, { maxAttempts: 1, timeoutMs: 2000 });
  try {
    await assert.rejects(() => pagesOf(threaded, 10), /cannot reach VictoriaLogs at http:\/\/127\.0\.0\.1:9/);
    assert.equal((await threaded.ready()).ok, false);
  } finally {
    await threaded.close();
  }
});

test('sources share the reading thread: reads of two queries at once each get their own pages; closed is closed', async () => {
  const a = readInThread(config);
  const b = readInThread(config, undefined, { maxAttempts: 2 });
  try {
    const [fromA, fromB] = await Promise.all([
      pagesOf(a, 30),
      (async () => {
        const pages: LokiEntry[][] = [];
        for await (const page of b.read('{job="thread", host="h1"}', T0, T0 + BigInt(LINES) * 1000n, { pageLimit: 25 })) pages.push(page);
        return pages;
      })(),
    ]);
    assert.equal(fromA.flat().length, LINES);
    const h1 = fromB.flat();
    assert.equal(h1.length, Math.floor((LINES + 1) / 3));
    assert.ok(h1.every((e) => e.stream.host === 'h1'));
  } finally {
    await a.close();
  }
  // b still reads after a closed; once b closes too, a new source starts a new thread.
  assert.equal((await pagesOf(b, 500)).flat().length, LINES);
  await b.close();
  await assert.rejects(() => pagesOf(b, 10), /log source closed/);
  const c = readInThread(config);
  assert.equal((await pagesOf(c, 500)).flat().length, LINES);
  await c.close();
});

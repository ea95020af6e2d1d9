// Crash safety for real: a `logatlas serve` child process is killed with SIGKILL again and again while
// it ingests lines that are being pushed to a real VictoriaLogs (many sharing timestamps, read in pages of 7 so
// that page and transaction boundaries fall inside groups of equal timestamps). After the last restart
// the events it reports must equal the lines VictoriaLogs accepted: no gap, no double count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushBatch, type PushEntry } from '../loki/push.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { SeededRandom } from '../patterns/reservoir.js';
import { waitFor } from './service-fixtures.js';
import { appWatchArgs, kill9, startServeProcess, type ServeProcess } from './serve-process.js';

const TOKEN = 'kill9-token';
const KILLS = 6;

type Serve = ServeProcess;

function startServe(storeUrl: string, store: string): Promise<Serve> {
  return startServeProcess([...appWatchArgs(storeUrl, store, TOKEN), '--page-limit', '7', '--recluster-seconds', '2']);
}

async function events(url: string): Promise<number | undefined> {
  const res = await fetch(`${url}/api/v1/stats?watch=app`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return res.ok ? ((await res.json()) as { events: number }).events : undefined;
}

const TEMPLATES = [
  (i: number) => `user u${i % 7} logged in from 10.0.${i % 5}.${i % 250}`,
  (i: number) => `GET /api/items/${i} 200 ${i % 90}ms`,
  (i: number) => `worker ${i % 4} finished job ${i} in ${i % 17} s`,
  (i: number) => `cache miss for key session:${i}`,
  (i: number) => `disk ${['sda', 'sdb', 'nvme0'][i % 3]} usage at ${i % 100} percent`,
  (i: number) => `payment ${i} declined: card expired`,
  (i: number) => `kernel: eth${i % 2} link ${i % 2 ? 'up' : 'down'}`,
];

test(`serve killed with SIGKILL ${KILLS} times during ingest counts every line Loki accepted exactly once`, async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const store = join(mkdtempSync(join(tmpdir(), 'logatlas-kill9-')), 'store');
  const http = vl.pushClient();

  // Pushes 8 lines every 250 ms, four per timestamp, until the kills are done: with a 1 s read lag the
  // last second of lines is always still to be read when a kill comes.
  let pushed = 0;
  let pushing = true;
  const rng = new SeededRandom(7);
  const pusher = (async () => {
    let i = 0;
    while (pushing) {
      const base = BigInt(Date.now()) * 1_000_000n;
      const batch: PushEntry[] = Array.from({ length: 8 }, (_, j) => ({
        stream: { job: 'app', host: `h${j % 3}` },
        tsNs: base + BigInt(Math.floor(j / 4)) * 1000n,
        line: TEMPLATES[Math.floor(rng.next() * TEMPLATES.length)](i++),
      }));
      await pushBatch(http, batch);
      pushed += batch.length;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  let serve: Serve | undefined;
  t.after(() => (serve ? kill9(serve.child) : undefined));
  const seenAtKill: number[] = [];
  const pushedAtKill: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    serve = await startServe(vl.url, store);
    const before = seenAtKill.at(-1) ?? 0;
    // Let it ingest something new, then kill it at a random moment of what follows.
    await waitFor('ingest progress', async () => ((await events(serve!.url)) ?? 0) > before || undefined, 60_000);
    await new Promise((r) => setTimeout(r, Math.floor(rng.next() * 600)));
    seenAtKill.push((await events(serve.url)) ?? before);
    pushedAtKill.push(pushed);
    await kill9(serve.child);
  }
  pushing = false;
  await pusher;

  serve = await startServe(vl.url, store);
  const final = await waitFor(
    `events = ${pushed} lines pushed`,
    async () => {
      const n = await events(serve!.url);
      return n !== undefined && n >= pushed ? n : undefined;
    },
    60_000,
  );
  await new Promise((r) => setTimeout(r, 1500)); // more polls: nothing may be counted twice
  const settled = await events(serve.url);
  t.diagnostic(
    `pushed ${pushed} lines; events / lines pushed at each kill: ${seenAtKill.map((n, i) => `${n}/${pushedAtKill[i]}`).join(', ')}; final ${settled}`,
  );
  assert.equal(final, pushed);
  assert.equal(settled, pushed);
  assert.ok(
    seenAtKill.every((n, i) => i === 0 || n >= seenAtKill[i - 1]),
    'counts never go back after a kill',
  );
  assert.ok(
    seenAtKill.every((n, i) => n < pushedAtKill[i]),
    'every kill came while lines were still to be counted',
  );

  // The per-bucket counts (what volumes are built from) agree with the total.
  const now = Date.now();
  const res = await fetch(`${serve.url}/api/v1/counts?watch=app&from=${now - 600_000}&to=${now + 60_000}&step=60&kind=events`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const body = (await res.json()) as { points: number[][] };
  assert.equal(
    body.points.reduce((a, p) => a + p[1], 0),
    pushed,
  );
  await kill9(serve.child);
  serve = undefined;
});

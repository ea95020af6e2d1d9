import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { nowNs } from './entry.js';
import { LokiHttp } from './http.js';
import { startLoki, type LocalLoki } from './loki-harness.js';
import { push } from './push.js';
import { queryRange } from './query-range.js';

/** Pids of the processes whose command line mentions `needle` (Linux /proc). */
function pidsMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Local and remote addresses of a process's TCP/UDP sockets, from /proc/net (hex, as the kernel writes them). */
function socketsOf(pid: number): { proto: string; local: string; remote: string; state: string }[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const out = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6']) {
    for (const row of readFileSync(`/proc/${pid}/net/${proto}`, 'utf8').trim().split('\n').slice(1)) {
      const f = row.trim().split(/\s+/);
      if (inodes.has(f[9])) out.push({ proto, local: f[1], remote: f[2], state: f[3] });
    }
  }
  return out;
}

// 127.0.0.1 as /proc/net prints it: in tcp, 0100007F; in tcp6, ::ffff:127.0.0.1 or ::1.
const loopback = /^(0100007F|0000000000000000FFFF00000100007F|00000000000000000000000001000000):/;
const unspecified = /^0+:0000$/;

describe('startLoki (tools/loki/run.mjs)', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  let loki: LocalLoki;
  let lokiPid: number;

  before(async () => {
    loki = await startLoki();
    [lokiPid] = pidsMentioning(`-config.file=${loki.dir}/loki.yaml`);
  });
  after(() => loki?.stop());

  it('answers /ready on 127.0.0.1 with the config written into its dir', async () => {
    assert.match(loki.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${loki.url}/ready`)).status, 200);
    assert.match(readFileSync(`${loki.dir}/loki.yaml`, 'utf8'), /schema: v13/);
    assert.ok(lokiPid > 0, 'found the Loki process');
  });

  it('listens and connects only on loopback', async () => {
    const sockets = socketsOf(lokiPid);
    assert.ok(sockets.some((s) => s.local.endsWith(`:${loki.port.toString(16).toUpperCase().padStart(4, '0')}`)), 'the HTTP listener is its own');
    for (const s of sockets) {
      assert.match(s.local, loopback, `${s.proto} socket bound to ${s.local}`);
      assert.ok(loopback.test(s.remote) || unspecified.test(s.remote), `${s.proto} socket talks to ${s.remote}`);
    }
  });

  it('keeps its data across restart()', async () => {
    const http = new LokiHttp({ url: loki.url });
    const t0 = nowNs() - 1_000_000_000n;
    await push(http, [{ stream: { app: 'harness' }, tsNs: t0, line: 'survives' }]);
    await loki.restart();
    const got = [];
    for await (const b of queryRange(http, { query: '{app="harness"}', startNs: t0, endNs: nowNs() })) got.push(...b);
    assert.deepEqual(got.map((e) => e.line), ['survives']);
    [lokiPid] = pidsMentioning(`-config.file=${loki.dir}/loki.yaml`);
  });

  it('stop() ends every process it started and removes its temporary dir', async () => {
    await loki.stop();
    assert.deepEqual(pidsMentioning(`-config.file=${loki.dir}/loki.yaml`), []);
    assert.deepEqual(pidsMentioning(`--dir\u0000${loki.dir}`), []);
    assert.equal(existsSync(loki.dir), false);
  });
});

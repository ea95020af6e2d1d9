// The query built for some templates selects exactly their lines in a real VictoriaLogs (LogsQL
// translation) and in the FAKE Loki (LogQL line filter evaluated as Loki documents it): compared with the
// engine's own template assignment of every pushed line. A hand-made expression that over-matches fails
// the same comparison, so the comparison can tell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanonicalizer } from '../canonical/index.js';
import { openLogSource, type LogSource } from '../logstore/log-source.js';
import { LokiHttp } from '../loki/http.js';
import { push, type PushEntry } from '../loki/push.js';
import { startFakeLoki } from '../loki/testing/fake-loki.js';
import { PatternTable } from '../patterns/pattern-table.js';
import type { Pattern } from '../patterns/pattern.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { logqlToLogsql } from '../victorialogs/logsql.js';
import { logqlString, templateQuery } from './template-query.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SELECTOR = '{job="ssh"}';

async function linesOf(source: LogSource, query: string, startNs: bigint, endNs: bigint): Promise<string[]> {
  const out: string[] = [];
  for await (const page of source.read(query, startNs, endNs)) for (const e of page) out.push(e.line);
  return out.sort();
}

test('a template query returns exactly the lines of its templates from VictoriaLogs and from the FAKE Loki', async (t) => {
  const lines = readFileSync(join(root, '..', 'shared', 'datasets', 'loghub-2k', 'OpenSSH', 'OpenSSH_2k.log'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => l.trimEnd());
  const canonicalizer = createCanonicalizer({});
  const table = new PatternTable();
  lines.forEach((l, i) => table.add({ raw: l, text: l, labels: {}, metadata: {}, origin: 'test', seq: i + 1 }, canonicalizer.canonicalize(l)));
  const ownOf = new Map<string, string>();
  for (const l of lines) {
    const c = canonicalizer.canonicalize(l);
    ownOf.set(l, table.get(c.canonical, c.entities)!.id);
  }
  const expected = (patterns: Pattern[]) => lines.filter((l) => patterns.some((p) => p.id === ownOf.get(l))).sort();

  const now = BigInt(Date.now()) * 1_000_000n;
  const entries: PushEntry[] = lines.map((line, i) => ({ stream: { job: 'ssh' }, tsNs: now - BigInt(lines.length - i) * 1_000_000n, line }));
  const startNs = now - 3_600_000_000_000n;
  const endNs = now + 60_000_000_000n;
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  await vl.push(entries);
  const loki = await startFakeLoki();
  t.after(() => loki.close());
  await push(new LokiHttp({ url: loki.url }), entries);
  const stores = { victorialogs: openLogSource({ kind: 'victorialogs', url: vl.url }), loki: openLogSource({ kind: 'loki', url: loki.url }) };
  assert.equal((await linesOf(stores.victorialogs, SELECTOR, startNs, endNs)).length, lines.length);

  const all = [...table.all()].sort((a, b) => b.count - a.count);
  const failed = all.filter((p) => p.canonical.includes('Failed password'));
  assert.ok(failed.length >= 2, failed.map((p) => p.canonical).join('\n'));
  const selections: Pattern[][] = [...all.slice(0, 6).map((p) => [p]), failed, all.filter((p) => p.canonical.includes('pam_unix'))];
  for (const patterns of selections) {
    const q = templateQuery(SELECTOR, patterns, table);
    assert.ok(q.exact);
    assert.equal(q.logsql, logqlToLogsql(q.query));
    const want = expected(patterns);
    assert.ok(want.length > 0);
    for (const [name, source] of Object.entries(stores)) {
      const got = await linesOf(source, q.query, startNs, endNs);
      assert.equal(got.length, want.length, `${name}: ${patterns.map((p) => p.canonical).join(' + ')}\n${q.query}`);
      assert.deepEqual(got, want);
    }
  }
  // What the expression guards against: "anything" for the parameter also takes the "invalid user" lines.
  const plain = failed.find((p) => /Failed password for <\*> from/.test(p.canonical))!;
  const loose = `${SELECTOR} |~ ${logqlString('Failed password for .* from')}`;
  const looseLines = await linesOf(stores.victorialogs, loose, startNs, endNs);
  assert.ok(looseLines.length > expected([plain]).length, `${looseLines.length} vs ${expected([plain]).length}`);
});

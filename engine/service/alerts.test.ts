// Alert rules and bursts from a detection config, end to end: a replayed brute force trips a rule that
// combines similarity in meaning with a per-IP threshold, and a replayed burst of one line is a burst.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseDetectionConfig } from '../detect/alert-rules.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { BRUTE_FORCE_IP } from '../replay/anomalies.js';
import { startService, waitFor } from './service-fixtures.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

test('a similarity rule with a per-IP threshold and a burst of one line become outliers with reasons', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-alerts-'));
  const file = join(dir, 'app.log');
  const lines = readFileSync(join(root, '..', 'shared', 'datasets', 'loghub-2k', 'Linux', 'Linux_2k.log'), 'utf8')
    .split('\n')
    .slice(0, 40);
  writeFileSync(file, lines.join('\n') + '\n');
  const { stdout } = await run(process.execPath, [
    join(root, 'bin', 'logatlas.js'),
    'replay',
    '--victorialogs',
    vl.url,
    '--labels',
    '{job="linux"}',
    '--json',
    '--inject',
    'brute-force',
    '--inject',
    'burst',
    file,
  ]);
  const { pushed } = JSON.parse(stdout) as { pushed: number };
  assert.equal(pushed, 40 + 40 + 150);

  const detection = parseDetectionConfig({
    bursts: { windowMinutes: 5, minEvents: 100, factor: 5, historyMinutes: 60 },
    rules: [
      {
        name: 'ssh brute force',
        similarTo: 'Failed password for invalid user admin from 10.9.8.7 port 22 ssh2',
        maxDistance: 0.3,
        groupBy: 'ip',
        minEvents: 10,
        windowMinutes: 5,
      },
    ],
  });
  await vl.flush();
  const svc = await startService({
    logStore: { kind: 'victorialogs' as const, url: vl.url },
    detection,
    runner: { defaultBackfillMs: 2 * 86_400_000, lagMs: 2500 },
  });
  t.after(() => svc.close());
  await svc.call('POST', '/watches', { body: { name: 'linux', selector: '{job="linux"}' } });
  await waitFor('all lines', async () => ((await svc.call('GET', '/stats?watch=linux')).json.events === pushed ? true : undefined));
  const now = Date.now();
  const outliers = (await svc.call('GET', `/outliers?watch=linux&from=0&to=${now + 60_000}&limit=1000`)).json.outliers as any[];
  const rule = outliers.filter((o) => o.kind === 'rule');
  assert.equal(rule.length, 1, JSON.stringify(rule.map((o) => o.reasons)));
  assert.equal(rule[0].rule, 'ssh brute force');
  assert.match(
    rule[0].reasons[0],
    new RegExp(
      `rule "ssh brute force": 10 matching lines from ip ${BRUTE_FORCE_IP.replace(/\./g, '\\.')} within 5 min \\(similar to .* at distance 0\\.\\d+\\)`,
    ),
  );
  const bursts = outliers.filter((o) => o.kind === 'burst');
  assert.ok(bursts.length >= 1, JSON.stringify(outliers.map((o) => o.reasons)));
  assert.match(bursts[0].reasons[0], /^burst: 1\d\d events of /);
});

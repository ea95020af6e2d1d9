import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/logatlas.js', import.meta.url));

function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, LOGATLAS_TOKEN: undefined, ...env } as NodeJS.ProcessEnv }, (err, _out, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
}

test('serve refuses to start without a token; bad watch flags and replay labels are usage errors', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'logatlas-cli-serve-')), 's');
  const noToken = await runCli(['serve', '--loki', 'http://127.0.0.1:9', '--store', store]);
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /^logatlas: serve needs an API token: --token TOKEN, LOGATLAS_TOKEN or --tenant-token TENANT=TOKEN/);
  assert.equal(noToken.stderr.trim().split('\n').length, 1);
  const badWatch = await runCli(['serve', '--loki', 'http://127.0.0.1:9', '--store', store, '--watch', 'nameonly'], { LOGATLAS_TOKEN: 't' });
  assert.equal(badWatch.code, 2);
  assert.match(badWatch.stderr, /--watch expects NAME='\{selector\}'/);
  const badLabels = await runCli(['replay', '--loki', 'http://127.0.0.1:9', '--labels', '{job=~"x"}', bin]);
  assert.equal(badLabels.code, 2);
  assert.match(badLabels.stderr, /--labels needs at least one label and only = matchers/);
});

test('tenant tokens: a malformed one from a flag, a file or the environment is a usage error that names it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-cli-tokens-'));
  const store = join(dir, 's');
  const flag = await runCli(['serve', '--loki', 'http://127.0.0.1:9', '--store', store, '--tenant-token', 'acme']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /--tenant-token #1: expected TENANT=TOKEN/);
  const env = await runCli(['serve', '--loki', 'http://127.0.0.1:9', '--store', store], { LOGATLAS_TENANT_TOKENS: 'a=1,b' });
  assert.equal(env.code, 2);
  assert.match(env.stderr, /LOGATLAS_TENANT_TOKENS entry 2: expected TENANT=TOKEN/);
  const missing = await runCli(['serve', '--loki', 'http://127.0.0.1:9', '--store', store, '--tenant-tokens-file', join(dir, 'none')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read tenant tokens file/);
  // The message names where the bad entry is, never a token.
  assert.doesNotMatch(env.stderr, /=1/);
});

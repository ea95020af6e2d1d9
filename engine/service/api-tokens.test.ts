import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTenantToken, readTenantTokenFile, tenantTokensFromEnv, TokenCheck } from './api-tokens.js';

test('a bearer token proves the engine (any tenant) or exactly one tenant; anything else proves nothing', () => {
  const check = new TokenCheck({
    token: 'engine-tok',
    tenantTokens: [
      { tenant: 'acme', token: 'acme-tok' },
      { tenant: 'globex', token: 'globex-tok' },
    ],
  });
  assert.deepEqual(check.caller('Bearer engine-tok'), { kind: 'engine' });
  assert.deepEqual(check.caller('Bearer acme-tok'), { kind: 'tenant', tenant: 'acme' });
  assert.deepEqual(check.caller('Bearer globex-tok'), { kind: 'tenant', tenant: 'globex' });
  for (const wrong of [undefined, '', 'acme-tok', 'Bearer acme-tok ', 'Bearer ACME-TOK', 'Basic acme-tok', 'Bearer globex-to']) {
    assert.equal(check.caller(wrong), undefined, String(wrong));
  }
});

test('tenant tokens only, no engine token: still a working check; no token at all, or one token for two tenants, is refused', () => {
  assert.deepEqual(new TokenCheck({ tenantTokens: [{ tenant: 'a', token: 't' }] }).caller('Bearer t'), { kind: 'tenant', tenant: 'a' });
  assert.throws(() => new TokenCheck({}), /needs a token/);
  assert.throws(
    () =>
      new TokenCheck({
        tenantTokens: [
          { tenant: 'a', token: 't' },
          { tenant: 'b', token: 't' },
        ],
      }),
    /one tenant only/,
  );
  assert.throws(() => new TokenCheck({ token: 't', tenantTokens: [{ tenant: 'b', token: 't' }] }), /one tenant only/);
});

test('TENANT=TOKEN from flags, a file and an environment variable, with clear errors', () => {
  assert.deepEqual(parseTenantToken('acme=s3cr=et', 'x'), { tenant: 'acme', token: 's3cr=et' });
  for (const bad of ['acme', '=tok', 'acme=', 'two words=tok']) {
    assert.throws(() => parseTenantToken(bad, '--tenant-token #1'), /--tenant-token #1: expected TENANT=TOKEN/);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'logatlas-tokens-')), 'tokens');
  writeFileSync(file, '# tenants\nacme=one\n\n  globex = two  \n');
  assert.deepEqual(readTenantTokenFile(file), [
    { tenant: 'acme', token: 'one' },
    { tenant: 'globex', token: 'two' },
  ]);
  writeFileSync(file, 'acme=one\nbroken\n');
  assert.throws(() => readTenantTokenFile(file), new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: expected TENANT=TOKEN`));
  assert.throws(() => readTenantTokenFile(join(file, 'missing')), /cannot read tenant tokens file/);
  assert.deepEqual(tenantTokensFromEnv('1=a, 2:3=b', 'ENV'), [
    { tenant: '1', token: 'a' },
    { tenant: '2:3', token: 'b' },
  ]);
  assert.deepEqual(tenantTokensFromEnv(undefined, 'ENV'), []);
  assert.throws(() => tenantTokensFromEnv('1=a,oops', 'ENV'), /ENV entry 2/);
});

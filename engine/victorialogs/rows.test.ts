import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entriesFromBody, formatRfc3339Ns, parseRfc3339Ns, parseStreamLabels } from './rows.js';
import { parseTenant, tenantHeaders } from './tenant.js';

test('times to the nanosecond, both ways', () => {
  assert.equal(parseRfc3339Ns('2023-11-14T22:13:20.123456789Z'), 1_700_000_000_123_456_789n);
  assert.equal(parseRfc3339Ns('2023-11-14T22:13:20Z'), 1_700_000_000_000_000_000n);
  assert.equal(parseRfc3339Ns('2023-11-14T22:13:20.5Z'), 1_700_000_000_500_000_000n);
  assert.equal(parseRfc3339Ns('2023-11-15T00:13:20.5+02:00'), 1_700_000_000_500_000_000n);
  assert.equal(formatRfc3339Ns(1_700_000_000_123_456_789n), '2023-11-14T22:13:20.123456789Z');
  assert.equal(formatRfc3339Ns(1_700_000_000_000_000_001n), '2023-11-14T22:13:20.000000001Z');
  assert.throws(() => parseRfc3339Ns('yesterday'), /not RFC3339/);
});

test('rows: stream labels from _stream, other fields as metadata, the message as the line', () => {
  const body = [
    '{"_msg":"hello {\\"a\\":1}","_stream":"{host=\\"h \\\\\\"1\\\\\\"\\",job=\\"x\\"}","_stream_id":"0","_time":"2023-11-14T22:13:20.123456789Z","job":"x","host":"h \\"1\\"","trace_id":"abc","n":3}',
    '',
  ].join('\n');
  const [e] = entriesFromBody(body);
  assert.equal(e.tsNs, 1_700_000_000_123_456_789n);
  assert.equal(e.line, 'hello {"a":1}');
  assert.deepEqual(e.stream, { host: 'h "1"', job: 'x' });
  assert.deepEqual(e.structuredMetadata, { trace_id: 'abc', n: '3' });
  assert.deepEqual(parseStreamLabels('{}'), {});
  assert.throws(() => entriesFromBody('not json\n'), /not JSON/);
});

test('tenants are AccountID or AccountID:ProjectID, anything else is refused', () => {
  assert.deepEqual(parseTenant('12'), { accountId: 12, projectId: 0 });
  assert.deepEqual(parseTenant('12:34'), { accountId: 12, projectId: 34 });
  assert.deepEqual(tenantHeaders(parseTenant('12:34')), { AccountID: '12', ProjectID: '34' });
  for (const bad of ['acme', '1:2:3', '-1', '', '99999999999', '1:x']) assert.throws(() => parseTenant(bad), /AccountID or AccountID:ProjectID/, bad);
});

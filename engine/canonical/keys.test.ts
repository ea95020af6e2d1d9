import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyKey, keyWords } from './keys.js';

describe('keyWords', () => {
  it('splits snake, dotted, kebab and camel case, dropping one-letter type suffixes', () => {
    assert.deepEqual(keyWords('dst_endpoint.ip'), ['dst', 'endpoint', 'ip']);
    assert.deepEqual(keyWords('ClientRequestHost'), ['client', 'request', 'host']);
    assert.deepEqual(keyWords('UserPrincipalName_s'), ['user', 'principal', 'name']);
    assert.deepEqual(keyWords('event.ClientIP'), ['event', 'client', 'ip']);
    assert.deepEqual(keyWords('sca:ingestTime'), ['sca', 'ingest', 'time']);
    assert.deepEqual(keyWords('account-id'), ['account', 'id']);
  });
});

describe('classifyKey', () => {
  const table: Array<[string, string | undefined]> = [
    // entities
    ['user', 'user'],
    ['ruser', 'user'],
    ['actor.user.name', 'user'],
    ['User_Name', 'user'],
    ['DisplayName_s', 'user'],
    ['UserPrincipalName_s', 'user'],
    ['uid', 'user'],
    ['euid', 'user'],
    ['deviceowner', 'user'],
    ['host', 'host'],
    ['rhost', 'host'],
    ['serverHost', 'host'],
    ['device.hostname', 'host'],
    ['Computer', 'host'],
    ['device.name', 'host'],
    ['PSComputerName_s', 'host'],
    ['src_ip', 'ip'],
    ['Destination_IP', 'ip'],
    ['srcaddr', 'ip'],
    ['clientpublicIP', 'ip'],
    ['ipAddress', 'ip'],
    ['dstport', 'port'],
    ['SPT', 'port'],
    ['Source_Port', 'port'],
    ['macAddress', 'mac'],
    ['actor.user.email_addr', 'email'],
    ['agent', 'useragent'],
    ['ClientRequestUserAgent', 'useragent'],
    // always masked, the value's shape may name it
    ['session', 'id'],
    ['Session_ID', 'id'],
    ['request', 'id'],
    ['trace', 'id'],
    ['pid', 'id'],
    ['metadata.uid', 'id'],
    ['account-id', 'id'],
    ['threadId', 'id'],
    ['timestamp', 'time'],
    ['launchTime', 'time'],
    ['TimeGenerated', 'time'],
    ['logfile', 'path'],
    ['uriPath', 'path'],
    ['url', 'url'],
    ['ClientRequestReferer', 'url'],
    // status class and short codes
    ['status', 'status'],
    ['status_code', 'status'],
    ['statusCode', 'status'],
    ['http_status', 'status'],
    ['severity', 'code'],
    ['level', 'code'],
    ['EventID', 'code'],
    ['class_uid', 'code'],
    ['activity_id', 'code'],
    ['protocol', 'code'],
    ['api.response.code', 'status'],
    ['exit_code', 'code'],
    // say nothing: word values are kept
    ['action', undefined],
    ['result', 'code'],
    ['category_name', undefined],
    ['method', undefined],
    ['msg', undefined],
    ['name', undefined],
    ['PostalCode_s', undefined],
    ['transport', undefined],
  ];
  for (const [key, expected] of table) {
    it(`${key} → ${expected ?? 'nothing'}`, () => assert.equal(classifyKey(key), expected));
  }
});

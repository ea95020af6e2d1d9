import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCanonicalizer, cut } from './canonicalizer.js';
import { DEFAULT_CANONICAL_OPTIONS, type CanonicalResult } from './types.js';

const canonicalizer = createCanonicalizer();
const canon = (line: string): string => canonicalizer.canonicalize(line).canonical;
const entities = (r: CanonicalResult): Array<[string, string]> => r.entities.map((e) => [e.kind, e.value]);

describe('entities for aggregation', () => {
  it('an sshd failure gives user, ip and port', () => {
    const r = canonicalizer.canonicalize('Failed password for invalid user admin from 1.2.3.4 port 22 ssh2');
    assert.equal(r.canonical, 'Failed password for invalid user <USER> from <IP> port <PORT> ssh2');
    assert.deepEqual(entities(r), [
      ['user', 'admin'],
      ['ip', '1.2.3.4'],
      ['port', '22'],
    ]);
  });

  it('key=value pairs give user, host, ip and port', () => {
    const r = canonicalizer.canonicalize('user=bob host=web-1 src_ip=10.0.0.5 dst_port=443 action=allow');
    assert.equal(r.canonical, 'user=<USER> host=<HOST> src_ip=<IP> dst_port=<PORT> action=allow');
    assert.deepEqual(entities(r), [
      ['user', 'bob'],
      ['host', 'web-1'],
      ['ip', '10.0.0.5'],
      ['port', '443'],
    ]);
  });

  it('an address with a port gives both, and timestamps and numbers give none', () => {
    const r = canonicalizer.canonicalize('2015-07-29 19:04:12,394 request from /10.10.34.11:45307 took 12 ms, 3 retries');
    assert.equal(r.canonical, '<TS> request from /<IP>:<PORT> took <DURATION>, <NUM> retries');
    assert.deepEqual(entities(r), [
      ['ip', '10.10.34.11'],
      ['port', '45307'],
    ]);
  });
});

describe('key=value', () => {
  it('keeps word values of keys that say nothing, masks volatile ones', () => {
    assert.equal(canon('level=INFO action=allow result=success'), 'level=INFO action=allow result=success');
    assert.equal(canon('count=17 file=/var/log/x.log token=AbCdEfGhIjKlMnOpQrStUvWxYz12'), 'count=<NUM> file=<PATH> token=<ID>');
    assert.equal(canon('region=eu-central-1 build=b7f3c9d'), 'region=eu-central-<NUM> build=<HEX>');
    assert.equal(canon('blob=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa next=ok'), 'blob=<ID> next=ok');
  });

  it('masks values of high-cardinality keys even when they are words', () => {
    assert.equal(canon('session=alpha request=beta trace=gamma pid=7'), 'session=<ID> request=<ID> trace=<ID> pid=<ID>');
  });

  it('keeps short codes and the class of HTTP status', () => {
    assert.equal(canon('severity=3 EventID=4662 status=404'), 'severity=3 EventID=4662 status=STATUS_FOURXX');
    assert.equal(canon('status_code=503 statusCode=201 http_status=302'), 'status_code=STATUS_FIVEXX statusCode=STATUS_TWOXX http_status=STATUS_THREEXX');
    assert.equal(canon('status=FAILURE event_id=7124783160323145730'), 'status=FAILURE event_id=<NUM>');
  });

  it('reads quoted values, and values of several words where they clearly go on', () => {
    assert.equal(canon('user="Jeff Leatherman" msg="Connection closed by 1.2.3.4" ok'), 'user=<USER> msg="Connection closed by <IP>" ok');
    assert.equal(canon('DisplayName_s=Active Directory Sync GivenName_s=Active'), 'DisplayName_s=<USER> GivenName_s=<USER>');
    assert.equal(canon('user=bob logged in from 1.2.3.4'), 'user=<USER> logged in from <IP>');
    assert.equal(canon('TimeGenerated=6/4/2021, 4:00:37.371 PM Type=x'), 'TimeGenerated=<TS> Type=x');
    assert.equal(canon('agent=Mozilla/5.0 (X11; Linux) Gecko/20100101 bytes=12'), 'agent=<UA> bytes=<NUM>');
  });

  it('keeps empty and absent values as they are, without entities', () => {
    const r = canonicalizer.canonicalize('logname= uid=0 ruser= authUser=- user=None');
    assert.equal(r.canonical, 'logname= uid=<USER> ruser= authUser=- user=None');
    assert.deepEqual(entities(r), [['user', '0']]);
  });

  it('handles `key: value` only for keys that name something', () => {
    assert.equal(canon('Invalid input: foo user: root host: db-2'), 'Invalid input: foo user: <USER> host: <HOST>');
    assert.equal(canon('RMContainerAllocator: Got allocated containers 1'), 'RMContainerAllocator: Got allocated containers <NUM>');
    assert.equal(canon('Session: 30546173_4261722401 initialized'), 'Session: <ID> initialized');
  });
});

describe('JSON', () => {
  it('canonicalizes a JSON object compactly, keys in order, values masked', () => {
    const r = canonicalizer.canonicalize(
      '{ "level": "info", "user": "alice", "ip": "1.2.3.4", "msg": "login ok after 12ms", "status": 200, "n": [1, 2, 3], "ok": true, "x": null }',
    );
    assert.equal(
      r.canonical,
      '{"level":"info","user":<USER>,"ip":<IP>,"msg":"login ok after <DURATION>","status":STATUS_TWOXX,"n":[<NUM>],"ok":true,"x":null}',
    );
    assert.deepEqual(entities(r), [
      ['user', 'alice'],
      ['ip', '1.2.3.4'],
    ]);
  });

  it('walks nested objects and reads JSON inside text pair by pair', () => {
    assert.equal(canon('{"a":{"session":"s1","tags":["x","y"]}}'), '{"a":{"session":<ID>,"tags":["x","y"]}}');
    assert.equal(canon('message={"period":5,"unit":"Percent","host":"h1"}'), 'message={"period":<NUM>,"unit":"Percent","host":<HOST>}');
  });

  it('falls back to text for what only looks like JSON', () => {
    assert.equal(canon('{not json} 42'), '{not json} <NUM>');
  });
});

describe('options', () => {
  it('--no-mask-ips keeps addresses (entities are still reported)', () => {
    const r = createCanonicalizer({ maskIps: false }).canonicalize('from 10.0.0.5:22 and [::1]');
    assert.equal(r.canonical, 'from 10.0.0.5:22 and [::1]');
    assert.deepEqual(entities(r), [
      ['ip', '10.0.0.5'],
      ['port', '22'],
      ['ip', '::1'],
    ]);
  });

  it('--no-mask-numbers keeps numbers, sizes and durations', () => {
    const c = createCanonicalizer({ maskNumbers: false });
    assert.equal(c.canonicalize('child 6725 slot 10 took 5ms size 3 KB').canonical, 'child 6725 slot 10 took 5ms size 3 KB');
  });

  it('--numbers-min-len N masks only numbers of N digits or more', () => {
    const c = createCanonicalizer({ numbersMinLen: 3 });
    assert.equal(c.canonicalize('slot 10 child 6725 state 6').canonical, 'slot 10 child <NUM> state 6');
  });

  it('defaults, and bad values are refused', () => {
    assert.deepEqual(createCanonicalizer().options, { ...DEFAULT_CANONICAL_OPTIONS });
    assert.throws(() => createCanonicalizer({ numbersMinLen: 0 }), /numbersMinLen/);
    assert.throws(() => createCanonicalizer({ maxLength: -1 }), /maxLength/);
  });

  it('maxLength cuts long forms at a space', () => {
    const c = createCanonicalizer({ maxLength: 20 });
    assert.equal(c.canonicalize('alpha beta gamma delta epsilon').canonical, 'alpha beta gamma');
    assert.equal(cut('abcdefghij', 4), 'abcd');
    assert.equal(cut('short', 0), 'short');
  });
});

describe('canonical text', () => {
  it('makes white space one space and trims', () => {
    assert.equal(canon('  Info\t\t CBS    Loaded \r'), 'Info CBS Loaded');
  });

  it('collapses lists of the same placeholder, also with a repeated prefix', () => {
    assert.equal(canon('onExtend:1514038530000 14 0 4'), 'onExtend:<TS> <NUM>');
    assert.equal(canon('(stack @0x7fed806eb5d @0x7fef9fb9b6d @0xff83e97c)'), '(stack @<HEX>)');
    assert.equal(canon('to delete blk_1 blk_-2 blk_3'), 'to delete blk_<NUM>');
    assert.equal(canon('from 1.2.3.4 to 5.6.7.8'), 'from <IP> to <IP>');
  });

  it('stays linear on long pathological lines (no regex backtracking blow-up)', () => {
    const lines = [
      '1'.repeat(20_000),
      'a.'.repeat(10_000),
      'ab12'.repeat(5000),
      'k="'.repeat(5000),
      '['.repeat(5000) + ' INFO [',
      'a:'.repeat(10_000),
      'x-1_'.repeat(5000),
      `${'a.b.c@'.repeat(3000)}x`,
      '{"a":'.repeat(3000),
    ];
    const started = Date.now();
    for (const line of lines) assert.equal(typeof canon(line), 'string');
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  });

  it('is deterministic and never throws on odd input', () => {
    for (const line of ['', ' ', '=', '"', '{', '[[[', 'a=', 'key="unterminated', '\u00e9t\u00e9 12', '::', '@@@@']) {
      assert.equal(canon(line), canon(line));
    }
  });
});

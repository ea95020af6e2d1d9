import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES } from './default-rules.js';
import { createCanonicalizer } from './canonicalizer.js';

/**
 * Each default rule alone: lines it must mask (input → canonical form), lines it must leave as they
 * are, and for `keep` rules, lines whose value stays in the text but is recorded as an entity (input →
 * the value; with `maskUsers` it is masked). A rule added to DEFAULT_RULES without cases here fails the
 * first test.
 */
interface RuleCases {
  masks: Array<[string, string]>;
  leaves: string[];
  keeps?: Array<[string, string]>;
}
const CASES: Record<string, RuleCases> = {
  url: {
    masks: [
      ['GET https://example.com/a/b?x=1 done', 'GET <URL> done'],
      ['at hdfs://msra-sa-41:9000/pjhe/out.', 'at <URL>.'],
    ],
    leaves: ['scheme http: only', 'a:/b is not one'],
  },
  http_request: {
    masks: [
      ['"GET /apache_pb.gif HTTP/1.0" 404 2326', '"GET <PATH> HTTP/1.0" STATUS_FOURXX <NUM>'],
      ['"POST /login?u=1 HTTP/1.1" 200 -', '"POST <PATH> HTTP/1.1" STATUS_TWOXX -'],
    ],
    leaves: ['"GET /x HTTP/1.1" 999 1', '"FETCH /x HTTP/1.1" 200 1'],
  },
  key_value: {
    masks: [
      ['user=bob action=allow', 'user=<USER> action=allow'],
      ['src_ip=evil port: 22', 'src_ip=<HOST> port: <PORT>'],
      ['{"session":"abc"}', '{"session":<ID>}'],
    ],
    leaves: ['level=INFO result=success', 'Error: something failed'],
  },
  log_thread: {
    masks: [
      ['2015-10-18 18:01:47,978 INFO [IPC Server handler 5 on 62270] org.Foo: x', '2015-10-18 18:01:47,978 INFO [<THREAD>] org.Foo: x'],
      ['x - WARN  [QuorumPeer[myid=1]/0:0:2181:FastLeaderElection@774] - y', 'x - WARN [<THREAD>:FastLeaderElection@<NUM>] - y'],
      ['12:00:01.5 [main-3] ERROR com.Foo - x', '12:00:01.5 [<THREAD>] ERROR com.Foo - x'],
    ],
    leaves: ['[Sun Dec 04 04:47:44 2005] [notice] x', 'INFO keep [this] later'],
  },
  iso_datetime: {
    masks: [
      ['at 2015-10-18 18:01:47,978 INFO', 'at <TS> INFO'],
      ['t=2023-12-24T17:16:09.695117Z.', 't=<TS>.'],
      ['2016-09-28 04:30:30, Info', '<TS>, Info'],
      ['on 2015-10-18 then', 'on <TS> then'],
      ['2024-01-28T16:04:50+02:00 x', '<TS> x'],
      ['2005.06.03 2005-06-03-15.42.50.675872 R02', '2005.06.03 <TS> R02'],
    ],
    leaves: ['2015-10-180', 'id 12-10-18'],
  },
  slash_datetime: { masks: [['00000001@2016/9/27:20:30:31.455 x', '00000001@<TS> x']], leaves: ['2016/927'] },
  us_datetime: {
    masks: [
      ['TimeGenerated 6/4/2021, 4:00:37.371 PM done', 'TimeGenerated <TS> done'],
      ['created 11/4/2020 21:11 ok', 'created <TS> ok'],
      ['17/06/09 20:10:40 INFO', '<TS> INFO'],
    ],
    leaves: ['ratio 1/2 only', 'ethernet1/14'],
  },
  clf_datetime: {
    masks: [
      ['[10/Oct/2000:13:55:36 -0700] "GET', '[<TS>] "GET'],
      ['on 04-Dec-2005 x', 'on <TS> x'],
    ],
    leaves: ['10/Foo/2000'],
  },
  syslog_header: {
    masks: [
      ['Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass', '<TS> <HOST> sshd(pam_unix)[19939]: check pass'],
      ['Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user', '<TS> <HOST> sshd[24200]: Invalid user'],
      ['Jun  9 06:06:20 web-1.example.net kernel: eth0 up', '<TS> <HOST> kernel: eth0 up'],
      ['2023-01-01T10:00:00.123+01:00 10.0.0.7 postfix/smtpd[77]: connect', '<TS> <HOST> postfix/smtpd[77]: connect'],
    ],
    leaves: ['Jun 14 15:16:01 combo said hello', 'seen Jun 14 15:16:01 combo sshd[1]: x', 'Jun 14 combo sshd[1]: x'],
  },
  syslog_datetime: {
    masks: [
      ['Dec 10 06:55:46 LabSZ sshd', '<TS> LabSZ sshd'],
      ['[Sun Dec 04 04:47:44 2005] [notice]', '[<TS>] [notice]'],
      ['Jun  9 01:02:03 host', '<TS> host'],
      ['Date=Sep 28 Time', 'Date=<TS> Time'],
    ],
    leaves: ['Decimal 10 units', 'Dec is a month'],
  },
  month_day_time: { masks: [['03-17 16:13:38.811  1702 D', '<TS> 1702 D']], leaves: ['03-17 x', '2003-17 16:13:38'] },
  rfc1123_datetime: { masks: [['Date: Mon, 02 Jan 2006 15:04:05 GMT ok', 'Date: <TS> ok']], leaves: ['Mon 02 items'] },
  compact_datetime: {
    masks: [
      ['20171223-22:15:29:606|Step_LSC', '<TS>|Step_LSC'],
      ['20171224-0:0:0:215|x', '<TS>|x'],
      ['at 20230101T120000 ok', 'at <TS> ok'],
    ],
    leaves: ['20171340', '30171223'],
  },
  yymmdd_hhmmss: { masks: [['081109 203615 148 INFO', '<TS> 148 INFO']], leaves: ['081109 253615', '081309 203615'] },
  uuid: {
    masks: [
      ['TenantId b3a60639-f318-4790-aa86-c91548ca5ea3 ok', 'TenantId <UUID> ok'],
      ['{3FE59C51-8C91-4908-A23F-B6C380E17606}', '<UUID>'],
    ],
    leaves: ['b3a60639-f318-4790-aa86-c91548ca5ea', 'b3a60639-f318-4790-aa86-c91548ca5ea3-x'],
  },
  mac: {
    masks: [
      ['hw 00:1a:2B:3c:4d:5e up', 'hw <MAC> up'],
      ['hw 00-1A-2B-3C-4D-5E', 'hw <MAC>'],
      ['001a.2b3c.4d5e', '<MAC>'],
    ],
    leaves: ['00:1a:2b:3c:4d', '00:1a:2b:3c:4d:5e:6f'],
  },
  ipv6: {
    masks: [
      ['from [::1]:8080 ok', 'from [<IP>]:<PORT> ok'],
      ['fe80::1ff:fe23:4567:890a%eth0', '<IP>%eth0'],
      ['peer 2001:db8:0:0:0:0:2:1 up', 'peer <IP> up'],
      ['/0:0:0:0:0:0:0:0:2181:Fast', '/<IP>:<PORT>:Fast'],
      ['::ffff:10.0.0.1', '<IP>'],
    ],
    leaves: ['std::string', 'a :: b', '12:30'],
  },
  clock_time: {
    masks: [
      ['Time=07:11:26.731 x', 'Time=<TS> x'],
      ['after 0:00:15 done', 'after <TS> done'],
    ],
    leaves: ['12:30', '1:2:3:4'],
  },
  relative_path: {
    masks: [
      ['see src/main/App.java now', 'see <PATH> now'],
      ['directoryObjects/2bed/Microsoft.User/photo', '<PATH>'],
    ],
    leaves: ['AWS/EC2', 'text/html', '2016/9/27'],
  },
  host_name: {
    masks: [
      ['for ns.marryaldkfaczcz.com [x]', 'for <HOST> [x]'],
      ['to example.com:443 now', 'to <HOST>:<PORT> now'],
      ['customer-187-141-143-180-sta.uninet-ide.com.mx', '<HOST>'],
      ['(211.72.2.106.sh.interxion.inode.at)', '(<HOST>)'],
    ],
    leaves: ['org.apache.hadoop.io.Text', 'mapred.tip.id is deprecated', 'file.py', 'java.io.File'],
  },
  ipv4: {
    masks: [
      ['from 10.0.0.5:22 ok', 'from <IP>:<PORT> ok'],
      ['/10.251.43.21:50010 x', '/<IP>:<PORT> x'],
      ['[173.234.31.186]', '[<IP>]'],
      ['by 1.2.3.4.', 'by <IP>.'],
    ],
    leaves: ['1.2.3.256', '1.2.3.4.5', 'version 1.2.3.4', 'pkg~6.1.3.1', 'v6.1.7601.23505'],
  },
  reverse_name: {
    masks: [
      ['connection from 24.54.76.216 (24-54-76-216.bflony.adelphia.net) at', 'connection from 24.54.76.216 (<HOST>) at'],
      ['connection from 222.33.90.199 () at', 'connection from 222.33.90.199 (<HOST>) at'],
    ],
    leaves: ['Linux version 2.6.5 (bhcompile@x) ok', 'from gateway (a.example.net)', 'from 1.2.3.4(a.example.net)'],
  },
  component_identity: {
    masks: [
      ['package: Package_for_KB3121255~31bf3856ad364e35~amd64~~6.1.1.0, State: 112', 'package: <ID>, State: 112'],
      ['Microsoft-Hyper-V-Package~31bf3856ad364e35~amd64~en-US~6.3.9600.17681 done', '<ID> done'],
    ],
    leaves: ['a~b~c~d', 'x~31bf3856ad364e35 only'],
  },
  email: {
    masks: [
      ['to alice.smith@example.org now', 'to <EMAIL> now'],
      ['(bhcompile@bugs.build.redhat.com)', '(<EMAIL>)'],
    ],
    leaves: ['user@host', '@example.com'],
  },
  windows_path: {
    masks: [
      ['Core: C:\\Windows\\winsxs\\cbscore.dll ok', 'Core: <PATH> ok'],
      ['in C:\\Program Files (x86)\\Scalyr\\log\\a.log x', 'in <PATH> x'],
      ["'\\\\?\\GLOBALROOT\\Device\\x'", "'<PATH>'"],
    ],
    leaves: ['C:Windows', 'a\\b'],
  },
  unix_path: {
    masks: [
      ['ok /etc/httpd/conf/workers2.properties', 'ok <PATH>'],
      ['uriPath /friends', 'uriPath <PATH>'],
      ['url /api/v1/x?y=1 ok', 'url <PATH> ok'],
      ['~/.ssh/id_rsa', '<PATH>'],
    ],
    leaves: ['/10.0.0.1:80', 'a / b', 'read/write'],
  },
  windows_sid: { masks: [['ID: S-1-5-21-2238293948-1392010073-595408551-1107 x', 'ID: <SID> x']], leaves: ['S-1', 'S-2-5-18'] },
  auth_invalid_user: {
    masks: [
      ['Failed none for invalid user admin from x', 'Failed none for invalid user <USER> from x'],
      ['Failed password for illegal user  oracle from 1.2.3.4', 'Failed password for illegal user <USER> from 1.2.3.4'],
    ],
    leaves: ['Failed password for root from 1.2.3.4', 'password for invalid data'],
  },
  auth_user: {
    masks: [],
    keeps: [
      ['Failed password for root from 1.2.3.4', 'root'],
      ['Too many authentication failures for root [preauth]', 'root'],
    ],
    leaves: ['password for the record', 'waiting for data from server'],
  },
  invalid_user: {
    masks: [
      ['Invalid user webmaster from 1.2.3.4', 'Invalid user <USER> from 1.2.3.4'],
      ['invalid user  0101 [preauth]', 'invalid user <USER> [preauth]'],
    ],
    leaves: ['invalid user unknown', 'valid user bob'],
  },
  qualified_user: {
    masks: [],
    keeps: [['session opened for user root by (uid=0)', 'root']],
    leaves: ['for user unknown', 'check pass; user unknown'],
  },
  user_from: { masks: [], keeps: [['user bob from 1.2.3.4', 'bob']], leaves: ['user unknown from x', 'user bob'] },
  port_phrase: { masks: [['from x port 22 ssh2', 'from x port <PORT> ssh2']], leaves: ['port 22.5', 'port 123456', 'passport 22'] },
  hex: {
    masks: [
      ['stack @0x7fed806eb5d ok', 'stack @<HEX> ok'],
      ['id 2bedcdc9 ok', 'id <HEX> ok'],
      ['CSI 00000001 Created', 'CSI <HEX> Created'],
      ['flags: 0x6', 'flags: <HEX>'],
    ],
    leaves: ['deadbeefcafe', '12345678', 'feed1234x'],
  },
  epoch: {
    masks: [
      ['at 1647889139 ok', 'at <TS> ok'],
      ['ts 1647889139051305194', 'ts <TS>'],
      ['1682294399909.7847', '<TS>'],
    ],
    leaves: ['3647889139', '16478891390'],
  },
  prefixed_id: {
    masks: [
      ['block blk_-6952295868487656571 x', 'block blk_<NUM> x'],
      ['appattempt_1445144423722_0020_000001', 'appattempt_<NUM>'],
      ['eni-0fa16b066250eede1', 'eni-<ID>'],
      ['Package_for_KB3121255~x', 'Package_for_<ID>~x'],
      ['broadcast_0_piece0', 'broadcast_<ID>'],
    ],
    leaves: ['Step_LSC', 'x86_64', 'mod_jk'],
  },
  segmented_id: {
    masks: [
      ['- R02-M1-N0-C:J12-U11 RAS', '- <ID> RAS'],
      ['Win7-KB2670838~x', '<ID>~x'],
      ['x86_64', '<ID>'],
    ],
    leaves: ['us-west-2', 'UTF-8', 'mod_jk', 'a1.b2'],
  },
  version: { masks: [['Stack v6.1.7601.23505 with', 'Stack <VERSION> with']], leaves: ['v2', 'mapreduce.v2.app'] },
  alnum_id: {
    masks: [
      ['request x885581165 ok', 'request <ID> ok'],
      ['user u8704782', 'user <ID>'],
      ['61VKM8123', '<ID>'],
      ['dn228/dn228', '<ID>'],
    ],
    leaves: ['md5', 'ssh2', 'log4j', 'utf16'],
  },
  size: {
    masks: [
      ['(estimated size 5.0 KB, free 1.2 GB)', '(estimated size <SIZE>, free <SIZE>)'],
      ['used 512 bytes', 'used <SIZE>'],
      ['total-vm:8123456kB,', 'total-vm:<SIZE>,'],
    ],
    leaves: ['bytes_rcv=512 bytes_xmt=1', '5 Bits'],
  },
  duration: {
    masks: [
      ['took 12ms ok', 'took <DURATION> ok'],
      ['after 900 seconds at', 'after <DURATION> at'],
      ['in 5s', 'in <DURATION>'],
    ],
    leaves: ['12 m', '3rd'],
  },
  number: {
    masks: [
      ['PacketResponder 1 for', 'PacketResponder <NUM> for'],
      ['value -0.277 ok', 'value <NUM> ok'],
      ['sshd[24200]:', 'sshd[<NUM>]:'],
      ['14 0 4', '<NUM>'],
      ['Session: 30546173_4261722401 init', 'Session: <NUM> init'],
    ],
    leaves: ['ssh2', 'x86', 'v2.app'],
  },
};

describe('default rules, each alone', () => {
  it('every default rule has cases', () => {
    assert.deepEqual(Object.keys(CASES).sort(), DEFAULT_RULES.map((r) => r.name).sort());
  });
  for (const rule of DEFAULT_RULES) {
    const cases = CASES[rule.name];
    if (cases === undefined) continue;
    describe(rule.name, () => {
      const alone = createCanonicalizer({ rules: [rule] });
      for (const [input, expected] of cases.masks) {
        it(`masks ${JSON.stringify(input)}`, () => assert.equal(alone.canonicalize(input).canonical, expected));
      }
      for (const input of cases.leaves) {
        it(`leaves ${JSON.stringify(input)}`, () => assert.equal(alone.canonicalize(input).canonical, input));
      }
      for (const [input, value] of cases.keeps ?? []) {
        it(`keeps ${JSON.stringify(value)} in ${JSON.stringify(input)} and records it`, () => {
          const kept = alone.canonicalize(input);
          assert.equal(kept.canonical, input.replace(/\s+/g, ' '));
          assert.deepEqual(kept.entities, [{ kind: rule.kind, value }]);
          const masked = createCanonicalizer({ rules: [rule], maskUsers: true }).canonicalize(input);
          assert.equal(masked.canonical, input.replace(/\s+/g, ' ').replace(value, rule.placeholder));
        });
      }
    });
  }
});

describe('default rules data', () => {
  it('names are unique and every rule says what it does', () => {
    assert.equal(new Set(DEFAULT_RULES.map((r) => r.name)).size, DEFAULT_RULES.length);
    for (const r of DEFAULT_RULES) {
      assert.ok(r.description.length > 10, r.name);
      assert.match(r.placeholder, /^(<[A-Z]+>)$/, r.name);
      assert.doesNotThrow(() => new RegExp(r.pattern), r.name);
    }
  });
});

/**
 * Times found in text, one test per format family, each with a real line of the data sets (loghub-2k,
 * scalyr-samples/merged_events.txt, after its `[source] ` prefix; long lines cut after the part that
 * matters) and the instant computed independently with GNU date (`date -u -d '…' +%s%N`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeZone } from './civil-time.js';
import { MAX_SCAN_CHARS, TextTimeFinder } from './text-time.js';
import type { FoundTime } from './time-shapes.js';

const finder = new TextTimeFinder();
const nsOf = (text: string, metadata?: Record<string, string>): bigint | undefined => finder.find(text, metadata)?.ns;
const yearlessOf = (text: string): FoundTime['yearless'] => finder.find(text)?.yearless;

test('HDFS: yyMMdd HHmmss at the line start', () => {
  assert.equal(
    nsOf('081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating'),
    1226262975000000000n,
  );
});

test('Hadoop and Zookeeper: ISO date-time with comma milliseconds', () => {
  assert.equal(
    nsOf(
      '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001',
    ),
    1445191307978000000n,
  );
  assert.equal(
    nsOf('2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200'),
    1438191704747000000n,
  );
});

test('Windows CBS: ISO date-time followed by a comma', () => {
  assert.equal(
    nsOf(
      '2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505 with Core: C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_6.1.7601.23505_none_681aa442f6fed7f0\\cbscore.dll',
    ),
    1475037030000000000n,
  );
});

test('Spark: log4j yy/MM/dd at the line start', () => {
  assert.equal(nsOf('17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]'), 1497039040000000000n);
});

test('HealthApp: compact date, unpadded clock, milliseconds after a colon', () => {
  assert.equal(nsOf('20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579'), 1514067329606000000n);
  assert.equal(nsOf('20171224-1:2:35:789|Step_LSC|30002312|processHandleBroadcastAction action:android.intent.action.TIME_TICK'), 1514077355789000000n);
  // Milliseconds unpadded too: 35:11 is 35.011 s (it follows 34:851 in the file).
  assert.equal(
    nsOf('20171223-22:15:35:11|Step_SPUtils|30002312| getTodayTotalDetailSteps = 1514038440000##7015##548365##8661##13026##27177962'),
    1514067335011000000n,
  );
});

test('Apache: bracketed ctime with weekday and year', () => {
  assert.equal(nsOf('[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties'), 1133671664000000000n);
});

test('Linux and OpenSSH syslog: month-day-time without a year is returned for year inference', () => {
  assert.deepEqual(
    yearlessOf('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 '),
    { month: 6, day: 14, hour: 15, minute: 16, second: 1, fraction: undefined, offsetMinutes: undefined },
  );
  assert.deepEqual(
    yearlessOf(
      'Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!',
    ),
    { month: 12, day: 10, hour: 6, minute: 55, second: 46, fraction: undefined, offsetMinutes: undefined },
  );
  // A syslog priority before the stamp, single-digit day padded with a space (RFC 3164).
  assert.equal(yearlessOf("<34>Oct  1 22:14:15 mymachine su: 'su root' failed")?.day, 1);
  // Four digits after the clock that cannot be a year are the message, not a year.
  assert.equal(yearlessOf('Dec 10 06:55:46 1234 something')?.month, 12);
});

test('merged_events: US export time under TimeGenerated (AADUSerInfo)', () => {
  assert.equal(
    nsOf(
      'UserPrincipalName_s=AdSync@domain.onmicrosoft.com TimeGenerated=6/4/2021, 4:00:37.371 PM TenantId=b3a60639-f318-4790-aa86-c91548ca5ea3 SourceSystem=RestAPI PSComputerName_s=localhost RunspaceId_g=dba59882-29b8-4f02-8fee-6a00d162ba96 PSShowComputerName_b=FALSE ExtensionProperty_odata_type_s=Microsoft.DirectoryServices.User ExtensionProperty_createdDateTime_s=11/4/2020 21:11',
    ),
    1622822437371000000n,
  );
});

test('merged_events: epoch seconds and nanoseconds under time keys (vpc, fortigate, palo-alto-firewall)', () => {
  assert.equal(
    nsOf(
      'account-id=630972250024 action=ACCEPT bytes=5601 dstaddr=176.32.119.56 dstport=443 interface-id=eni-0fa16b066250eede1 log-status=OK packets=22 parser=AWS region=us-west-2 protocol=6 serverHost=AWS severity=3 srcaddr=172.31.17.202 srcport=59632 start=1679287227',
    ),
    1679287227000000000n,
  );
  assert.equal(
    nsOf(
      'dataSource.name=FortiGate dataSource.vendor=Fortinet message=- metric=logBytes path1=IOIkRAVc session=log_session_1359790422459545885 severity=3 tag=logVolume thread=metalog timestamp=1722173100021717586 value=4769',
    ),
    1722173100021717586n,
  );
  assert.equal(
    nsOf(
      'dataSource.category=security dataSource.vendor=PaloAlto serverHost=THEBORG serverIP=108.76.207.50 severity=3 threadId_=log_9 timestamp=1682294399909784600 timestamp_=1682294399909.7847',
    ),
    1682294399909784600n,
  );
});

test('merged_events: ISO values under dotted and prefixed keys (aad_ocsf, zscaler, log4shell)', () => {
  assert.equal(
    nsOf(
      'activity_id=99 activity_name=Export actor.invoked_by=Account Provisioning category_name=Identity & Access Management metadata.correlation_uid=a430cfd3-5a3b-4212-aa8d-c2ba1a62a04e metadata.original_time=2023-12-24T17:16:09.695117Z metadata.product.name=Azure Active Directory',
    ),
    1703438169695117000n,
  );
  assert.equal(
    nsOf(
      'dataSource.category=security dataSource.name=Zscaler dst.ip.address=52.113.194.132 event.clienttranstime=132 event.contenttype=application/json event.datetime=2023-06-22 15:59:58 event.department=Users',
    ),
    1687449598000000000n,
  );
  assert.equal(
    nsOf(
      'logfile=/docker/minecraft_gameserver_1.log monitor=agentDocker parser=docker raw_timestamp=2023-02-20T06:48:23.579028001Z remote-server=172.31.13.57:1389/Exploit} serverHost=53bb4c601234',
    ),
    1676875703579028001n,
  );
});

test('merged_events: a known key wins over an earlier time-like value; a JSON "key":"value" counts (cloudwatch)', () => {
  assert.equal(
    nsOf(
      'ImageId=ami-018d291ca9ffc002f metric=CPUUtilization namespace=AWS/EC2 parser=demo2 path1=CPUUtilization period=5 region=us-west-1 sca:ingestTime=1679253407 statistic=Average unit=Percent value=21.951666666666664 message={"period":5,"statistic":"Average","logfile":"cloudwatch","source":"cloudwatch","value":21.951666666666664,"timestamp":"2023-03-19T17:45:00.000Z"}',
    ),
    1679247900000000000n,
  );
});

test('merged_events: a time key with no time (time=4606) falls through to the first epoch under a time-named key (accesslog)', () => {
  assert.equal(
    nsOf(
      'accountName=default agent=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/600.2.5 (KHTML, like Gecko) Version/8.0.2 Safari/600.2.5 authUser=- bytes=22078 dataset=accesslog ip=46.158.85.88 launchTime=1647889139051305194 logfile=/var/log/nginx/access.log method=POST parser=accessLog protocol=HTTP 1.1 region=us-west-2 sca:ingestTime=1678878466 serverHost=web-8 serverIP=34.199.133.18 severity=3 source=s3Bucket status=200 threadId=default time=4606 uriPath=/friends user=-',
    ),
    1647889139051305194n,
  );
});

test('merged_events: an impossible value under time= is skipped for the next key (PaloAlto-Networks-Panorama-ocsf)', () => {
  assert.equal(
    nsOf(
      'src_endpoint.port=58527 status=Success status_id=1 thread=log_2 time=9702-37-21T71:65:77.487-31:99 timestamp=1706649462362493184 traffic.bytes=71434',
    ),
    1706649462362493184n,
  );
});

test('offsets in the text are honoured: -07:00 inside Windows event XML (windowseventlog, excerpt)', () => {
  assert.equal(
    nsOf('Channel=Security Computer=pretzel.franzbrot.lab Message=&lt;Repetition&gt; &lt;StartBoundary&gt;2023-03-14T23:07:23-07:00&lt;/StartBoundary&gt;'),
    1678860443000000000n,
  );
  // The same event's SystemTime is a known key and wins over the earlier StartBoundary.
  assert.equal(
    nsOf("&lt;StartBoundary&gt;2023-03-14T23:07:23-07:00&lt;/StartBoundary&gt; <TimeCreated SystemTime='2023-03-15T23:53:24.5567282Z'/>"),
    1678924404556728200n,
  );
});

test('Common Log Format, RFC 1123 and logcat shapes', () => {
  assert.equal(nsOf('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326'), 971211336000000000n);
  assert.equal(nsOf('Date: Mon, 02 Jan 2006 15:04:05 GMT'), 1136214245000000000n);
  assert.deepEqual(yearlessOf('03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogsopening app wtoken'), {
    month: 3,
    day: 17,
    hour: 16,
    minute: 13,
    second: 38,
    fraction: '811',
    offsetMinutes: undefined,
  });
});

test('structured fields: a known time key in the metadata of a CSV or JSON record', () => {
  assert.equal(nsOf('user logged in', { host: 'web-1', eventTime: '2016-09-28 04:30:30' }), 1475037030000000000n);
  assert.equal(nsOf('user logged in', { 'event.datetime': '1679287227' }), 1679287227000000000n);
  assert.equal(nsOf('user logged in', { host: 'web-1', duration: '1679287227' }), undefined);
});

test('times without a zone are read in the zone asked for; offsets in the text still win', () => {
  const berlin = new TextTimeFinder(parseTimeZone('Europe/Berlin'));
  assert.equal(berlin.find('2016-09-28 04:30:30, Info CBS Loaded')?.ns, 1475029830000000000n); // CEST, +02:00
  assert.equal(berlin.find('2016-01-28 04:30:30, Info CBS Loaded')?.ns, 1453951830000000000n); // CET, +01:00
  assert.equal(berlin.find('2021-06-04T18:00:37+02:00 up')?.ns, 1622822437000000000n);
  const india = new TextTimeFinder(parseTimeZone('+05:30'));
  assert.equal(india.find('2016-09-28 04:30:30, Info')?.ns, 1475017230000000000n);
  assert.throws(() => parseTimeZone('Mars/Olympus'), /unknown time zone/);
});

test('invalid dates are not times; lines without one get none', () => {
  for (const line of [
    'Feb 30 10:00:00 host app: impossible day',
    '2021-13-01 10:00:00 month 13',
    '2021-02-30T10:00:00Z no such day',
    '2021-06-04 25:00:00 no such hour',
    '1852-53-44C20:82:35.910-92:99 garbage',
    'timestamp=09:45:00.000 host=cloudwatch-us-west-1',
    'Date=Sep 28 action=dashboardsV2',
    'request=x885581165 timeMs=17514 user=u8704782',
    'version 2.5.2 build 20231301 id 1234567890123456789012',
    'Session_ID=104842 ClientASN=1061718373779981336 event_id=7124783160323145730',
    '',
  ]) {
    assert.equal(finder.find(line), undefined, line);
  }
});

test('hostile lines: huge, repetitive or almost-times give a bounded answer and never throw', () => {
  const huge = [
    '1'.repeat(1 << 20),
    '1 '.repeat(1 << 19),
    '2021-'.repeat(200_000),
    'Jun '.repeat(250_000),
    'time='.repeat(200_000),
    '"timestamp":'.repeat(80_000),
    'a=1:'.repeat(250_000),
    '='.repeat(1 << 20),
    'Sun Dec 04 '.repeat(90_000),
  ];
  for (const line of huge) assert.equal(finder.find(line), undefined, line.slice(0, 20));
  // A time past the scanned prefix is not looked for; one inside it is found.
  const filler = 'x=y '.repeat(MAX_SCAN_CHARS / 4);
  assert.equal(nsOf(`${filler}timestamp=1679287227`), undefined);
  assert.equal(nsOf(`${filler.slice(0, 1000)}timestamp=1679287227`), 1679287227000000000n);
});

test('a stamp reused from the line before is reused only when it would read the same', () => {
  const f = new TextTimeFinder();
  assert.equal(f.find('2021-06-04 16:00:37 a')?.ns, 1622822437000000000n);
  assert.equal(f.find('2021-06-04 16:00:37 a')?.ns, 1622822437000000000n);
  assert.equal(f.find('2021-06-04 16:00:37 +05:30 a')?.ns, 1622822437000000000n - 19_800_000_000_000n);
  assert.equal(f.find('2021-06-04 16:00:37.5 a')?.ns, 1622822437500000000n);
  assert.equal(f.find('2021-06-04 16:00:37,5 a')?.ns, 1622822437500000000n);
  assert.equal(f.find('2021-06-04 16:00:37-0100 a')?.ns, 1622822437000000000n + 3_600_000_000_000n);
});

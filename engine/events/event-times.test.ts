/**
 * Event times from the text, through openEvents as every command reads: years for syslog stamps
 * (rollover, anchoring at the file's modification time or at the reference for standard input), mixed
 * zones in one file, and the user's time column or keys winning. Expected instants: GNU date.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadWarning } from './event.js';
import { openEvents, type ReadOptions } from './open.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'logatlas-times-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file with the given lines, modified at `mtime` (an ISO string). */
function logFile(name: string, lines: string[], mtime?: string): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  if (mtime !== undefined) utimesSync(path, new Date(mtime), new Date(mtime));
  return path;
}

async function seconds(inputs: string[], options: ReadOptions = {}): Promise<Array<number | undefined>> {
  const out: Array<number | undefined> = [];
  for await (const e of openEvents(inputs, options)) out.push(e.timestampNs === undefined ? undefined : Number(e.timestampNs / 1_000_000_000n));
  return out;
}

const SSH = [
  'Dec 30 23:59:50 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
  'Dec 31 23:59:58 LabSZ sshd[24200]: input_userauth_request: invalid user webmaster [preauth]',
  'Jan  1 00:00:03 LabSZ sshd[24200]: pam_unix(sshd:auth): check pass; user unknown',
  'Dec 31 23:59:59 LabSZ sshd[24201]: Received disconnect from 173.234.31.186: 11: Bye Bye [preauth]',
  'Jan  4 10:00:00 LabSZ sshd[24202]: Connection closed by 173.234.31.186 [preauth]',
];
// 2023-12-30 23:59:50, 2023-12-31 23:59:58, 2024-01-01 00:00:03, 2023-12-31 23:59:59, 2024-01-04 10:00:00
const SSH_SECONDS = [1703980790, 1704067198, 1704067203, 1704067199, 1704362400];

test('syslog without a year: rolls over at December → January, the last line anchored at the file time', async () => {
  assert.deepEqual(await seconds([logFile('ssh-jan.log', SSH, '2024-01-05T00:00:00Z')]), SSH_SECONDS);
  // Modified months later: the last line is still the latest Jan 4 not after that time.
  assert.deepEqual(await seconds([logFile('ssh-jun.log', SSH, '2024-06-01T00:00:00Z')]), SSH_SECONDS);
  // Modified on Jan 4 before 10:00 (within the one day of slack): the same years.
  assert.deepEqual(await seconds([logFile('ssh-jan4.log', SSH, '2024-01-04T08:00:00Z')]), SSH_SECONDS);
  // With --limit the years are those of the whole file, not of the lines read.
  assert.deepEqual(await seconds([logFile('ssh-limit.log', SSH, '2024-01-05T00:00:00Z')], { limit: 2 }), SSH_SECONDS.slice(0, 2));
});

test('syslog spanning more than a year gets the right years from its last line', async () => {
  const lines = ['Jan  5 08:00:00 host cron[1]: start', 'Dec 20 08:00:00 host cron[1]: middle', 'Jan  2 08:00:00 host cron[1]: end'];
  // 2022-01-05 08:00, 2022-12-20 08:00, 2023-01-02 08:00
  assert.deepEqual(await seconds([logFile('long.log', lines, '2023-01-03T00:00:00Z')]), [1641369600, 1671523200, 1672646400]);
});

test('Feb 29 goes to the latest leap year that keeps the file in the past', async () => {
  const lines = ['Feb 29 12:00:00 host app[1]: leap day'];
  assert.deepEqual(await seconds([logFile('leap-2024.log', lines, '2024-03-02T00:00:00Z')]), [1709208000]); // 2024-02-29 12:00
  assert.deepEqual(await seconds([logFile('leap-2023.log', lines, '2023-03-02T00:00:00Z')]), [1582977600]); // 2020-02-29 12:00
});

test('standard input: the first stamp is anchored at the reference time (now by default)', async () => {
  const stdin = () => Readable.from([SSH.slice(0, 3).join('\n') + '\n']);
  assert.deepEqual(await seconds(['-'], { stdin: stdin(), yearReferenceMs: Date.UTC(2024, 0, 2) }), SSH_SECONDS.slice(0, 3));
  const now = await seconds(['-'], { stdin: stdin() });
  const nowS = Date.now() / 1000;
  assert.ok(
    now.every((s) => s !== undefined && s <= nowS + 366 * 86400 && s > nowS - 366 * 86400),
    String(now),
  );
  assert.ok(now[0]! <= nowS + 86400, 'the first line is not after now');
});

test('mixed zones in one file give the right instants, in order, without an error', async () => {
  const lines = [
    '2021-06-04T16:00:37Z app: a',
    '2021-06-04T18:00:38+02:00 app: b',
    '2021-06-04T09:00:39-0700 app: c',
    '2021-06-04 16:00:40 app: d (no zone: UTC)',
    'Jun  4 16:00:41 host app[1]: e (syslog, no year, no zone)',
    'level=info ts=2021-06-04T21:30:42+05:30 msg=f',
    '[Fri Jun 04 16:00:43 2021] [notice] g',
    '04/Jun/2021:09:00:44 -0700 h',
  ];
  const got = await seconds([logFile('zones.log', lines, '2021-06-05T00:00:00Z')]);
  assert.deepEqual(got, [1622822437, 1622822438, 1622822439, 1622822440, 1622822441, 1622822442, 1622822443, 1622822444]);
  // Read in another zone, only the zoneless lines move (+02:00 in Berlin in June).
  const berlin = await seconds([logFile('zones2.log', lines, '2021-06-05T00:00:00Z')], { timeZone: 'Europe/Berlin' });
  assert.deepEqual(berlin, [1622822437, 1622822438, 1622822439, 1622822440 - 7200, 1622822441 - 7200, 1622822442, 1622822443 - 7200, 1622822444]);
});

test('a wrong --time-zone fails before reading', async () => {
  await assert.rejects(seconds([logFile('tz.log', ['x'])], { timeZone: 'Nowhere/Else' }), /unknown time zone/);
});

test('the time column or keys the user names win: their records get no time from elsewhere', async () => {
  const warnings: ReadWarning[] = [];
  const csv = logFile('named.csv', ['when,message', '2021-06-04T16:00:37Z,ok at 2016-09-28 04:30:30', 'soon,retry at 2016-09-28 04:30:30']);
  assert.deepEqual(await seconds([csv], { tsCol: 'when', onWarning: (w) => warnings.push(w) }), [1622822437, undefined]);
  assert.equal(warnings.length, 1);
  // Without the option, `when` is no known time column: the message's time is used.
  assert.deepEqual(await seconds([csv]), [1475037030, 1475037030]);

  const json = logFile('named.jsonl', [
    '{"at":"2021-06-04T16:00:37Z","msg":"x","timestamp":"2016-09-28 04:30:30"}',
    '{"msg":"y","timestamp":"2016-09-28 04:30:30"}',
  ]);
  assert.deepEqual(await seconds([json], { jsonTsKeys: ['at'] }), [1622822437, undefined]);
  assert.deepEqual(await seconds([json]), [1475037030, 1475037030]);
});

test('JSON and CSV records: the text, then known keys among the fields, give the time the reader did not find', async () => {
  const json = logFile(
    'fields.jsonl',
    [
      '{"msg":"login","TimeGenerated":"6/4/2021, 4:00:37.371 PM","user":"a"}',
      '{"log":"Jun  4 16:00:41 host sshd[1]: Accepted password"}',
      '{"msg":"no time here","n":1679287227}',
    ],
    '2021-06-05T00:00:00Z',
  );
  assert.deepEqual(await seconds([json]), [1622822437, 1622822441, undefined]);
});

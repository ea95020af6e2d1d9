import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent, ReadWarning } from './event.js';
import { readCsvBatches } from './csv.js';
import type { ReadOptions } from './options.js';

async function readCsv(input: string | Buffer, options: ReadOptions = {}): Promise<{ events: LogEvent[]; warnings: ReadWarning[] }> {
  const warnings: ReadWarning[] = [];
  const events: LogEvent[] = [];
  async function* source() {
    yield input;
  }
  for await (const batch of readCsvBatches(source(), { ...options, origin: 'in.csv', onWarning: (w) => warnings.push(w) })) {
    events.push(...batch);
  }
  return { events, warnings };
}

test('a message column is the text; usual columns go to metadata; the time column is parsed', async () => {
  const { events, warnings } = await readCsv('timestamp,host,message,bytes\r\n2021-06-04T16:00:37Z,web-1,GET /index,512\r\n');
  assert.deepEqual(events, [
    {
      raw: '2021-06-04T16:00:37Z,web-1,GET /index,512',
      text: 'GET /index',
      labels: {},
      metadata: { timestamp: '2021-06-04T16:00:37Z', host: 'web-1' },
      seq: 2,
      origin: 'in.csv',
      timestampNs: 1622822437000000000n,
    },
  ]);
  assert.deepEqual(warnings, []);
});

test('without a message column the text is key=value pairs of the non-empty fields', async () => {
  const { events } = await readCsv(',Renew,,true,11\n');
  assert.deepEqual(events, []); // one line only: the header
  const csv = 'correlationId,description,dhcid,ok,eventId\n,Renew,,true,11\n';
  assert.equal((await readCsv(csv)).events[0].text, 'description=Renew ok=true eventId=11');
  // A record whose message column is empty falls back to the same form.
  assert.equal((await readCsv('msg,user\n,bob\n')).events[0].text, 'user=bob');
});

test('quoted multi-line records: seq is the line where the record starts, later lines stay true', async () => {
  const input = 'id,message,level\n1,"Exception in thread\n  at a.b(C.java:1)\n\n  at d.e(F.java:2)",error\n2,plain,info\n';
  const { events, warnings } = await readCsv(input);
  assert.deepEqual(
    events.map((e) => [e.seq, e.text]),
    [
      [2, 'Exception in thread\n  at a.b(C.java:1)\n\n  at d.e(F.java:2)'],
      [6, 'plain'],
    ],
  );
  assert.equal(events[0].raw, '1,"Exception in thread\n  at a.b(C.java:1)\n\n  at d.e(F.java:2)",error');
  assert.deepEqual(events[0].metadata, { level: 'error' });
  assert.deepEqual(warnings, []);
});

test('malformed records are warned with their line and reading goes on', async () => {
  const input = 'a,b,message\n1,2,ok\n1,"bad"x,m\n3\n4,5,6,7\n5,6,good\n';
  const { events, warnings } = await readCsv(input);
  assert.deepEqual(
    events.map((e) => [e.seq, e.text]),
    [
      [2, 'ok'],
      [3, 'm'],
      [4, 'a=3'],
      [5, '6'],
      [6, 'good'],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [
      [3, 'malformed CSV record: text after the closing quote of field 2'],
      [4, 'record has 1 field(s), the header has 3'],
      [5, 'record has 4 field(s), the header has 3'],
    ],
  );
});

test('an unclosed quote costs one record, not the rest of the file', async () => {
  const input = 'n,message\n1,"never closed\n2,two\n3,three\n';
  const { events, warnings } = await readCsv(input);
  assert.deepEqual(
    events.map((e) => [e.seq, e.text]),
    [
      [2, 'never closed'],
      [3, 'two'],
      [4, 'three'],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [[2, 'quoted field opened on this line is not closed within 3 line(s): read as ending at the line end']],
  );
  // The same when the open record grows past the size limit in the middle of the input.
  const long = `n,message\n1,"open ${'x'.repeat(50)}\n${'2,' + 'y'.repeat(50)}\n3,after\n`;
  const cut = await readCsv(long, { maxLineBytes: 80 });
  assert.deepEqual(
    cut.events.map((e) => e.seq),
    [2, 3, 4],
  );
  assert.equal(cut.events[2].text, 'after');
  assert.deepEqual(
    cut.warnings.map((w) => w.line),
    [2],
  );
});

test('options: delimiter auto, noHeader, textCol by index, metaCols, keepAllMeta, tsCol', async () => {
  const semi = await readCsv('when;who;what\n11/4/2020 21:11;ann;login\n', { delimiter: 'auto', textCol: 'what', tsCol: 'when' });
  assert.deepEqual(
    semi.events.map((e) => [e.text, e.timestampNs]),
    [['login', 1604524260000000000n]],
  );

  const bare = await readCsv('x,hello\ny,world\n', { noHeader: true, textCol: 1, metaCols: ['col0'] });
  assert.deepEqual(
    bare.events.map((e) => [e.seq, e.text, e.metadata]),
    [
      [1, 'hello', { col0: 'x' }],
      [2, 'world', { col0: 'y' }],
    ],
  );

  const all = await readCsv('a,b,msg\n1,,m\n', { keepAllMeta: true });
  assert.deepEqual(all.events[0].metadata, { a: '1' });

  const digits = await readCsv('a,b\n1,2\n', { textCol: '1' });
  assert.equal(digits.events[0].text, '2');
});

test('a timestamp column named by the user that does not parse is warned once', async () => {
  const { events, warnings } = await readCsv('t,msg\nsoon,a\nlater,b\n', { tsCol: 't' });
  assert.equal(events.length, 2);
  assert.equal(events[0].timestampNs, undefined);
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [[2, '"soon" in column t is not a recognized timestamp (further ones are not reported)']],
  );
});

test('a missing textCol or tsCol is an error that names the file and the columns', async () => {
  await assert.rejects(readCsv('a,b\n1,2\n', { textCol: 'message' }), /in\.csv: text column "message" does not exist; columns are: a, b/);
  await assert.rejects(readCsv('a,b\n1,2\n', { tsCol: 5 }), /timestamp column 5 does not exist/);
});

test('BOM, CRLF, blank lines, no final newline, NUL and bad UTF-8 in fields', async () => {
  const input = Buffer.concat([Buffer.from('\ufeffid,message\r\n\r\n1,hi\0\r\n2,caf'), Buffer.from([0xe9]), Buffer.from('\r\n3,last')]);
  const { events, warnings } = await readCsv(input);
  assert.deepEqual(
    events.map((e) => [e.seq, e.text]),
    [
      [3, 'hi'],
      [4, 'caf\uFFFD'],
      [5, 'last'],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [
      [3, '1 NUL byte(s) removed'],
      [4, 'invalid UTF-8: bad bytes replaced with U+FFFD'],
    ],
  );
});

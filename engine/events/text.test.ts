import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent, ReadWarning } from './event.js';
import { readTextBatches, textLineEvent } from './text.js';

async function readText(input: string | Buffer, maxLineBytes?: number): Promise<{ events: LogEvent[]; warnings: ReadWarning[] }> {
  const warnings: ReadWarning[] = [];
  const events: LogEvent[] = [];
  async function* source() {
    yield input;
  }
  for await (const batch of readTextBatches(source(), { origin: 'app.log', maxLineBytes, onWarning: (w) => warnings.push(w) })) {
    events.push(...batch);
  }
  return { events, warnings };
}

test('a leading [source] becomes labels.source and is cut from text; raw keeps the line', async () => {
  const { events } = await readText('[AADUSerInfo] UserPrincipalName_s=AdSync@domain TimeGenerated=6/4/2021\n');
  assert.deepEqual(events, [
    {
      raw: '[AADUSerInfo] UserPrincipalName_s=AdSync@domain TimeGenerated=6/4/2021',
      text: 'UserPrincipalName_s=AdSync@domain TimeGenerated=6/4/2021',
      labels: { source: 'AADUSerInfo' },
      metadata: {},
      seq: 1,
      origin: 'app.log',
    },
  ]);
});

/** The parts of a line's event that the text reader decides. */
function parseTextLine(line: string): { text: string; source?: string; timestampNs?: bigint } {
  const event = textLineEvent(line, 1, 'x');
  assert.equal(event.raw, line);
  return {
    text: event.text,
    ...(event.labels.source === undefined ? {} : { source: event.labels.source }),
    ...(event.timestampNs === undefined ? {} : { timestampNs: event.timestampNs }),
  };
}

test('source=name anywhere sets the label and leaves the text whole (macro2micro)', () => {
  assert.deepEqual(parseTextLine('level=info source=web-1.prod msg=ok'), {
    text: 'level=info source=web-1.prod msg=ok',
    source: 'web-1.prod',
  });
  assert.deepEqual(parseTextLine('datasource=x msg=ok'), { text: 'datasource=x msg=ok' });
  // A [source] prefix wins over a later source= token.
  assert.deepEqual(parseTextLine('[ec2] source=tsdb value=1'), { text: 'source=tsdb value=1', source: 'ec2' });
});

test('brackets that are timestamps, pids or levels are not sources', () => {
  for (const line of [
    '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok',
    '[12345] started',
    '[ERROR] disk full',
    '[info] hello',
    '[a b] spaced',
    '[nospace]after',
  ]) {
    assert.equal(parseTextLine(line).source, undefined, line);
    assert.equal(parseTextLine(line).text, line);
  }
});

test('the text reader sets no time: the event-times hook finds it in the text (event-times.test.ts)', () => {
  assert.equal(textLineEvent('2016-09-28 04:30:30, Info CBS Loaded', 1, 'x').timestampNs, undefined);
});

test('CRLF, blank lines, no final newline: one event per non-blank line with true line numbers', async () => {
  const { events, warnings } = await readText('first\r\n\r\n   \t\r\nsecond\r\n\nthird');
  assert.deepEqual(
    events.map((e) => [e.seq, e.raw]),
    [
      [1, 'first'],
      [4, 'second'],
      [6, 'third'],
    ],
  );
  assert.deepEqual(warnings, []);
});

test('repairs are warned with the origin and line', async () => {
  const input = Buffer.concat([Buffer.from('ok\nbad\xff\n', 'latin1'), Buffer.from('nul\0here\n'), Buffer.from('x'.repeat(40) + '\nend\n')]);
  const { events, warnings } = await readText(input, 16);
  assert.deepEqual(
    events.map((e) => [e.seq, e.text]),
    [
      [1, 'ok'],
      [2, 'bad\uFFFD'],
      [3, 'nulhere'],
      [4, 'x'.repeat(16)],
      [5, 'end'],
    ],
  );
  assert.deepEqual(warnings, [
    { origin: 'app.log', line: 2, message: 'invalid UTF-8: bad bytes replaced with U+FFFD' },
    { origin: 'app.log', line: 3, message: '1 NUL byte(s) removed' },
    { origin: 'app.log', line: 4, message: 'line of 40 bytes is longer than 16: kept the first 16 bytes' },
  ]);
});

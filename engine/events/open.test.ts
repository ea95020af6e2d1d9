import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { LogEvent, ReadWarning } from './event.js';
import { formatByFirstLine, openEventBatches, openEvents, type ReadOptions } from './open.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'logatlas-events-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(inputs: string[], options: ReadOptions = {}): Promise<{ events: LogEvent[]; warnings: ReadWarning[] }> {
  const warnings: ReadWarning[] = [];
  const events: LogEvent[] = [];
  for await (const event of openEvents(inputs, { ...options, onWarning: (w) => warnings.push(w) })) events.push(event);
  return { events, warnings };
}

test('format by extension, else by the first non-empty line; origin and seq per input', async () => {
  const csv = file('a.csv', 'message\nfrom csv\n');
  const tsv = file('b.tsv', 'level\tmessage\ninfo\tfrom tsv\n');
  const ndjson = file('c.ndjson', '{"msg":"from ndjson"}\n');
  const jsonArray = file('d.json', '[\n{"msg":"from array"}\n]\n');
  const sniffedJson = file('e.log', '\n\n{"msg":"sniffed json"}\n');
  const text = file('f.log', '\n[web] from text\n');
  const { events, warnings } = await readAll([csv, tsv, ndjson, jsonArray, sniffedJson, text]);
  assert.deepEqual(
    events.map((e) => [e.origin, e.seq, e.text]),
    [
      [csv, 2, 'from csv'],
      [tsv, 2, 'from tsv'],
      [ndjson, 1, 'from ndjson'],
      [jsonArray, 2, 'from array'],
      [sniffedJson, 3, 'sniffed json'],
      [text, 2, 'from text'],
    ],
  );
  assert.deepEqual(events[5].labels, { source: 'web' });
  assert.deepEqual(warnings, []);
  // An explicit format wins over the extension.
  assert.deepEqual(
    (await readAll([csv], { format: 'text' })).events.map((e) => e.text),
    ['message', 'from csv'],
  );
});

test('a 2 MiB line in a file is truncated with a warning and the next line keeps its number', async () => {
  const big = 'x'.repeat(2 << 20);
  const text = file('big.log', `before\r\n${big}\r\nafter\r\n`);
  const { events, warnings } = await readAll([text]);
  assert.deepEqual(
    events.map((e) => [e.seq, e.raw.length]),
    [
      [1, 6],
      [2, 1 << 20],
      [3, 5],
    ],
  );
  assert.deepEqual(warnings, [{ origin: text, line: 2, message: `line of ${2 << 20} bytes is longer than ${1 << 20}: kept the first ${1 << 20} bytes` }]);
  // In JSONL the cut line is no longer JSON: kept as text, and said so.
  const jsonl = file('big.jsonl', `{"msg":"a"}\n{"msg":"${big}"}\n{"msg":"b"}\n`);
  const json = await readAll([jsonl]);
  assert.deepEqual(
    json.events.map((e) => [e.seq, e.text.length]),
    [
      [1, 1],
      [2, 1 << 20],
      [3, 1],
    ],
  );
  assert.deepEqual(
    json.warnings.map((w) => w.line),
    [2, 2],
  );
});

test('sniffing rules', () => {
  assert.equal(formatByFirstLine('{"a":1}'), 'jsonl');
  assert.equal(formatByFirstLine('['), 'jsonl');
  assert.equal(formatByFirstLine('[{"a":1}]'), 'jsonl');
  assert.equal(formatByFirstLine('[Sun Dec 04 04:47:44 2005] [notice] ok'), 'text');
  assert.equal(formatByFirstLine('a,b,c'), 'text');
  assert.equal(formatByFirstLine(undefined), 'text');
});

test('a missing file throws an error naming it, before any event', async () => {
  const good = file('good.log', 'line\n');
  const missing = join(dir, 'nope.log');
  const events: LogEvent[] = [];
  await assert.rejects(
    (async () => {
      for await (const e of openEvents([good, missing])) events.push(e);
    })(),
    (error: Error) => error.message === `cannot read input ${missing}: no such file`,
  );
  assert.equal(events.length, 0);
  await assert.rejects(readAll([dir]), /it is a directory/);
  await assert.rejects(readAll(['-', '-'], { stdin: Readable.from([]) }), /more than once/);
  await assert.rejects(readAll([good], { format: 'xml' as 'text' }), /unknown input format "xml": expected auto, text, csv, jsonl/);
});

test('limit stops across inputs and closes the open file at once', async () => {
  const first = file('one.log', 'a\nb\n');
  const second = file('two.log', Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n'));
  const { events } = await readAll([first, second], { limit: 5 });
  assert.deepEqual(
    events.map((e) => [e.origin, e.seq]),
    [
      [first, 1],
      [first, 2],
      [second, 1],
      [second, 2],
      [second, 3],
    ],
  );
  await new Promise((resolve) => setImmediate(resolve));
  const open = readdirSync('/proc/self/fd').map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return '';
    }
  });
  assert.ok(!open.includes(second), 'the second file is still open');

  let batched = 0;
  for await (const batch of openEventBatches([second], { limit: 7 })) batched += batch.length;
  assert.equal(batched, 7);
  assert.equal((await readAll([first], { limit: 0 })).events.length, 0);
});

test('stdin given as a stream: read, and released when the limit is reached', async () => {
  let released = false;
  async function* stdin() {
    try {
      yield Buffer.from('{"msg":"one"}\n{"msg":"two"}\n');
      yield Buffer.from('{"msg":"three"}\n');
    } finally {
      released = true;
    }
  }
  const { events } = await readAll(['-'], { stdin: stdin(), limit: 2 });
  assert.deepEqual(
    events.map((e) => [e.origin, e.seq, e.text]),
    [
      ['-', 1, 'one'],
      ['-', 2, 'two'],
    ],
  );
  assert.equal(released, true);
});

test('real stdin of a child process', () => {
  const openJs = new URL('./open.js', import.meta.url).href;
  const script = `
    import { openEvents } from ${JSON.stringify(openJs)};
    const out = [];
    const warnings = [];
    for await (const e of openEvents(['-'], { onWarning: (w) => warnings.push(w.origin + ' ' + w.line + ' ' + w.message) })) out.push(e.seq + ' ' + e.text);
    console.log([...out, ...warnings].join('\\n'));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: Buffer.from('[svc] first\r\n\r\nsecond\0\r\nthird'),
  }).toString();
  assert.equal(stdout, '1 first\n3 second\n4 third\n- 3 1 NUL byte(s) removed\n');
});

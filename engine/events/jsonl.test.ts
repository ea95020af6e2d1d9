import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent, ReadWarning } from './event.js';
import { jsonLayout, MAX_HELD_WARNINGS, readJsonBatches } from './jsonl.js';
import type { ReadOptions } from './options.js';

async function readJson(input: string | Buffer, options: ReadOptions = {}): Promise<{ events: LogEvent[]; warnings: ReadWarning[] }> {
  const warnings: ReadWarning[] = [];
  const events: LogEvent[] = [];
  async function* source() {
    yield input;
  }
  for await (const batch of readJsonBatches(source(), { ...options, origin: 'in.jsonl', onWarning: (w) => warnings.push(w) })) {
    events.push(...batch);
  }
  return { events, warnings };
}

test('message key, timestamp key, other keys flattened into metadata', async () => {
  const line = '{"@timestamp":"2021-06-04T16:00:37.5Z","level":"warn","msg":"disk low","host":{"name":"db-1","ip":null},"tags":["a","b"],"n":3}';
  const { events, warnings } = await readJson(line + '\n');
  assert.deepEqual(events, [
    {
      raw: line,
      text: 'disk low',
      labels: {},
      metadata: { '@timestamp': '2021-06-04T16:00:37.5Z', level: 'warn', 'host.name': 'db-1', tags: '["a","b"]', n: '3' },
      seq: 1,
      origin: 'in.jsonl',
      timestampNs: 1622822437500000000n,
    },
  ]);
  assert.deepEqual(warnings, []);
});

test('without a message key the text is the flattened object as key=value', async () => {
  const { events } = await readJson('{"request":"x1","timeMs":4,"page":"photo","user":{"id":"u9"},"x":null,"e":""}\n');
  assert.equal(events[0].text, 'request=x1 timeMs=4 page=photo user.id=u9');
});

test('messageKey and tsCol options (dotted paths, literal dotted keys first)', async () => {
  const line = '{"event":{"detail":"login ok","at":1679253407},"dataSource.name":"okta"}';
  const { events } = await readJson(line, { messageKey: 'event.detail', tsCol: 'event.at' });
  assert.equal(events[0].text, 'login ok');
  assert.equal(events[0].timestampNs, 1679253407000000000n);
  assert.deepEqual(events[0].metadata, { 'event.at': '1679253407', 'dataSource.name': 'okta' });
  assert.equal((await readJson(line, { messageKey: 'dataSource.name' })).events[0].text, 'okta');
});

test('a missing messageKey falls back to key=value text with one warning', async () => {
  const { events, warnings } = await readJson('{"a":1}\n{"a":2}\n', { messageKey: 'message' });
  assert.deepEqual(
    events.map((e) => e.text),
    ['a=1', 'a=2'],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [[1, 'no message under key "message": all fields used as text (further ones are not reported)']],
  );
});

test('a non-JSON line inside JSONL is kept as text and warned (also when it comes before any JSON)', async () => {
  const input = 'starting up\n{"msg":"one"}\n\n{"msg": broken\n"just a string"\n[1,2]\n{"msg":"two"}';
  const { events, warnings } = await readJson(input);
  assert.deepEqual(
    events.map((e) => [e.seq, e.text]),
    [
      [1, 'starting up'],
      [2, 'one'],
      [4, '{"msg": broken'],
      [5, 'just a string'],
      [6, '[1,2]'],
      [7, 'two'],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [
      [1, 'not a JSON object: kept as text'],
      [4, 'not a JSON object: kept as text'],
    ],
  );
});

test('a text file read as JSON gives events but no warnings', async () => {
  const { events, warnings } = await readJson('plain line\nanother {not json}\n');
  assert.deepEqual(
    events.map((e) => e.text),
    ['plain line', 'another {not json}'],
  );
  assert.deepEqual(warnings, []);
  assert.ok(MAX_HELD_WARNINGS >= 100);
});

test('a JSON array file: one event per element, seq = start line, raw = compact JSON', async () => {
  const input = '[\n  {\n    "msg": "first",\n    "ts": 1679253407\n  },\n  {\n    "other": true\n  }\n]\n';
  const { events, warnings } = await readJson(input);
  assert.deepEqual(events, [
    {
      raw: '{"msg":"first","ts":1679253407}',
      text: 'first',
      labels: {},
      metadata: { ts: '1679253407' },
      seq: 2,
      origin: 'in.jsonl',
      timestampNs: 1679253407000000000n,
    },
    { raw: '{"other":true}', text: 'other=true', labels: {}, metadata: { other: 'true' }, seq: 6, origin: 'in.jsonl' },
  ]);
  assert.deepEqual(warnings, []);
});

test('pretty-printed concatenated objects and a broken element', async () => {
  const { events, warnings } = await readJson('{\n  "msg": "a"\n}\n{\n  "msg": \n}\n');
  assert.deepEqual(
    events.map((e) => [e.seq, e.text]),
    [
      [1, 'a'],
      [4, '{\n  "msg": \n}'],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [[4, 'not valid JSON: kept as text']],
  );
});

test('NULs written as \\u0000 escapes are removed from text and metadata, with a warning', async () => {
  const { events, warnings } = await readJson('{"msg":"a\\u0000b","k":"c\\u0000"}\n');
  assert.equal(events[0].text, 'ab');
  assert.deepEqual(events[0].metadata, { k: 'c' });
  assert.equal(events[0].raw, '{"msg":"a\\u0000b","k":"c\\u0000"}');
  assert.deepEqual(
    warnings.map((w) => [w.line, w.message]),
    [[1, 'NUL character(s) (\\u0000) removed']],
  );
});

test('layout detection', () => {
  assert.equal(jsonLayout('['), 'array');
  assert.equal(jsonLayout('[{"a":1},'), 'array');
  assert.equal(jsonLayout('[]'), 'array');
  assert.equal(jsonLayout('[Sun Dec 04 04:47:44 2005] [error]'), 'lines');
  assert.equal(jsonLayout('{'), 'concatenated');
  assert.equal(jsonLayout('{"a":1}'), 'lines');
  assert.equal(jsonLayout(undefined), 'lines');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonEventBuilder } from './json-event.js';
import type { ReadOptions } from './options.js';

function build(obj: Record<string, unknown>, options: ReadOptions = {}) {
  const warnings: Array<[number, string]> = [];
  const builder = new JsonEventBuilder({ ...options, origin: 'x' }, (line, message) => warnings.push([line, message]));
  return { event: builder.fromObject(obj, JSON.stringify(obj), 7), warnings };
}

test('default message keys in order; empty or "-" values are skipped; any case as a last resort', () => {
  assert.equal(build({ log: 'from log', msg: 'from msg' }).event.text, 'from msg');
  assert.equal(build({ message: '-', msg: 'real' }).event.text, 'real');
  assert.equal(build({ Message: 'windows style', Level: 'Information' }).event.text, 'windows style');
  assert.equal(build({ message: { nested: true } }).event.text, '{"nested":true}');
  assert.equal(build({ message: '-', a: 1 }).event.text, 'message=- a=1');
});

test('textCol names the message key when messageKey is not given; messageKey wins', () => {
  assert.equal(build({ a: 'A', b: 'B' }, { textCol: 'b' }).event.text, 'B');
  assert.equal(build({ a: 'A', b: 'B' }, { textCol: 'b', messageKey: 'a' }).event.text, 'A');
});

test('time: first default key that parses; an unparseable named key is warned once', () => {
  assert.equal(build({ time: 4606, timestamp: '2021-06-04T16:00:37Z' }).event.timestampNs, 1622822437000000000n);
  assert.equal(build({ time: 4606 }).event.timestampNs, undefined);
  assert.equal(build({ when: '1679253407' }, { jsonTsKeys: ['when'] }).event.timestampNs, 1679253407000000000n);
  const warnings: Array<[number, string]> = [];
  const builder = new JsonEventBuilder({ origin: 'x', tsCol: 'at' }, (line, message) => warnings.push([line, message]));
  builder.fromObject({ at: 'soon' }, '{}', 1);
  builder.fromObject({ at: 'later' }, '{}', 2);
  assert.deepEqual(warnings, [[1, '"soon" under key at is not a recognized timestamp (further ones are not reported)']]);
});

test('seq and origin are carried, labels stay empty', () => {
  const { event } = build({ msg: 'm' });
  assert.equal(event.seq, 7);
  assert.equal(event.origin, 'x');
  assert.deepEqual(event.labels, {});
});

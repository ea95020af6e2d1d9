import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitJsonValueBatches, type JsonValueText } from './json-values.js';

async function split(
  chunks: Array<string | Buffer>,
  insideArray: boolean,
  maxValueBytes?: number,
): Promise<{ values: JsonValueText[]; warnings: Array<[number, string]> }> {
  const warnings: Array<[number, string]> = [];
  const values: JsonValueText[] = [];
  async function* source() {
    yield* chunks;
  }
  const batches = splitJsonValueBatches(source(), { insideArray, maxValueBytes, warn: (line, message) => warnings.push([line, message]) });
  for await (const batch of batches) values.push(...batch);
  return { values, warnings };
}

const PRETTY_ARRAY = `[
  {
    "a": "x ] } { [ \\" \\\\",
    "n": [1, {"deep": true}]
  },
  {"b": 2},
  "plain string",
  42
]
`;

test('elements of a pretty-printed array, with the line each starts on; brackets in strings are ignored', async () => {
  const { values, warnings } = await split([PRETTY_ARRAY], true);
  assert.deepEqual(
    values.map((v) => [v.lineNo, JSON.parse(v.text)]),
    [
      [2, { a: 'x ] } { [ " \\', n: [1, { deep: true }] }],
      [6, { b: 2 }],
      [7, 'plain string'],
      [8, 42],
    ],
  );
  assert.deepEqual(warnings, []);
});

test('the same result whatever the chunking', async () => {
  const bytes = Buffer.from(PRETTY_ARRAY);
  const whole = await split([bytes], true);
  for (let cut = 0; cut <= bytes.length; cut++) {
    assert.deepEqual(await split([bytes.subarray(0, cut), bytes.subarray(cut)], true), whole, `cut at ${cut}`);
  }
});

test('pretty-printed objects one after another', async () => {
  const { values, warnings } = await split(['{\n  "a": 1\n}\n{\n  "b": {"c": "}"}\n}\n'], false);
  assert.deepEqual(
    values.map((v) => [v.lineNo, JSON.parse(v.text)]),
    [
      [1, { a: 1 }],
      [4, { b: { c: '}' } }],
    ],
  );
  assert.deepEqual(warnings, []);
});

test('an array that is never closed, text after the array, and empty arrays are reported', async () => {
  const open = await split(['[\n{"a": 1},\n{"b": '], true);
  assert.deepEqual(
    open.values.map((v) => [v.lineNo, v.text]),
    [
      [2, '{"a": 1}'],
      [3, '{"b": '],
    ],
  );
  assert.deepEqual(open.warnings, [[3, 'JSON value not closed at end of input']]);

  const trailing = await split(['[{"a": 1}]\n\ngarbage'], true);
  assert.deepEqual(
    trailing.values.map((v) => v.text),
    ['{"a": 1}'],
  );
  assert.deepEqual(trailing.warnings, [[3, 'text after the end of the JSON array ignored']]);

  assert.deepEqual(await split(['[ ]'], true), { values: [], warnings: [] });

  const scalars = await split(['[1,\n2'], true);
  assert.deepEqual(
    scalars.values.map((v) => [v.lineNo, v.text]),
    [
      [1, '1'],
      [2, '2'],
    ],
  );
  assert.deepEqual(scalars.warnings, [[2, 'JSON array not closed at end of input']]);
});

test('a value over maxValueBytes is skipped with a warning; the next one is read', async () => {
  const { values, warnings } = await split([`[{"big": "${'x'.repeat(100)}"},\n{"small": 1}]`], true, 64);
  assert.deepEqual(
    values.map((v) => [v.lineNo, v.text]),
    [[2, '{"small": 1}']],
  );
  assert.deepEqual(warnings, [[1, 'JSON value larger than 64 bytes skipped']]);
});

test('invalid UTF-8 inside an element is repaired and warned at the element line', async () => {
  const bytes = Buffer.concat([Buffer.from('[\n{"m": "caf'), Buffer.from([0xe9]), Buffer.from('"}]')]);
  const { values, warnings } = await split([bytes], true);
  assert.deepEqual(
    values.map((v) => JSON.parse(v.text)),
    [{ m: 'caf\uFFFD' }],
  );
  assert.deepEqual(warnings, [[2, 'invalid UTF-8: bad bytes replaced with U+FFFD']]);
});

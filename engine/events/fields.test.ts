import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnsText, flattenJson, isEmptyMessage, keyValueText, normalizeFieldName, scalarText, valueAtPath } from './fields.js';

test('key=value text: field order, values trimmed, empty ones left out', () => {
  assert.equal(
    keyValueText([
      ['a', ' 1 '],
      ['b', ''],
      ['c', '  '],
      ['d', 'x y'],
    ]),
    'a=1 d=x y',
  );
  assert.equal(keyValueText([]), '');
  assert.equal(columnsText(['a', 'b'], ['1', '', '3']), 'a=1 col2=3');
});

test('flattening JSON: dotted keys for nested objects, arrays whole, nulls and empty strings left out', () => {
  assert.deepEqual(flattenJson({ a: { b: { c: 1 }, d: null }, e: [1, { f: 2 }], g: '', h: false, 'i.j': 'k' }), [
    ['a.b.c', '1'],
    ['e', '[1,{"f":2}]'],
    ['h', 'false'],
    ['i.j', 'k'],
  ]);
  assert.equal(scalarText({ a: 1 }), '{"a":1}');
  assert.equal(scalarText(null), '');
});

test('values by dotted path: a literal dotted key first, then nesting at any split', () => {
  const obj = { 'a.b': 'literal', a: { b: 'nested', 'c.d': 'mixed' }, x: { y: { z: 0 } } };
  assert.equal(valueAtPath(obj, 'a.b'), 'literal');
  assert.equal(valueAtPath(obj, 'a.c.d'), 'mixed');
  assert.equal(valueAtPath(obj, 'x.y.z'), 0);
  assert.equal(valueAtPath(obj, 'x.nope'), undefined);
  assert.equal(valueAtPath(obj, 'toString'), undefined);
});

test('empty messages and field name normalization', () => {
  for (const empty of ['', '  ', '-', ' - ']) assert.equal(isEmptyMessage(empty), true, JSON.stringify(empty));
  for (const real of ['--', 'a', '0']) assert.equal(isEmptyMessage(real), false, real);
  assert.equal(normalizeFieldName('Raw log'), 'rawlog');
  assert.equal(normalizeFieldName('_raw'), 'raw');
});

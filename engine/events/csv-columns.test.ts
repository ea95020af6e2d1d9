import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingMetaColumns, planColumns, resolveColumn } from './csv-columns.js';

const origin = 'x.csv';

test('the message column is found by name in order of preference, in any case and spelling', () => {
  assert.equal(planColumns(['id', 'Msg', 'message'], { origin }).textIndex, 2);
  assert.equal(planColumns(['Date', 'Raw log'], { origin }).textIndex, 1);
  assert.equal(planColumns(['request', 'event.type'], { origin }).textIndex, -1);
});

test('time columns: macro2micro names by default, only the named one when given', () => {
  const header = ['ts', 'time', 'timestamp', 'msg'];
  assert.deepEqual(planColumns(header, { origin }).timeIndexes, [2, 1, 0]);
  assert.equal(planColumns(header, { origin }).timeExplicit, false);
  assert.deepEqual(planColumns(header, { origin, tsCol: 'time' }).timeIndexes, [1]);
  assert.equal(planColumns(header, { origin, tsCol: 'time' }).timeExplicit, true);
});

test('metadata columns: the usual ones, plus metaCols, or all but the text with keepAllMeta', () => {
  const header = ['host', 'Severity', 'message', 'custom', 'other'];
  assert.deepEqual(planColumns(header, { origin }).metaIndexes, [0, 1]);
  assert.deepEqual(planColumns(header, { origin, metaCols: ['custom'] }).metaIndexes, [0, 1, 3]);
  assert.deepEqual(planColumns(header, { origin, keepAllMeta: true }).metaIndexes, [0, 1, 3, 4]);
  assert.deepEqual(missingMetaColumns(header, { origin, metaCols: ['custom', 'nope'] }), ['nope']);
});

test('columns by exact name, case-insensitive name, or index', () => {
  const header = ['a', 'B', '7'];
  assert.equal(resolveColumn(header, 'B', 'text column', origin), 1);
  assert.equal(resolveColumn(header, 'b', 'text column', origin), 1);
  assert.equal(resolveColumn(header, '7', 'text column', origin), 2); // a name before an index
  assert.equal(resolveColumn(header, '0', 'text column', origin), 0);
  assert.equal(resolveColumn(header, 1, 'text column', origin), 1);
  assert.throws(() => resolveColumn(header, 3, 'text column', origin), /^InputError: x\.csv: text column 3 does not exist; columns are: a, B, 7$/);
});

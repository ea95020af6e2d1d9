import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvField, csvRow, tsvField, tsvRow } from './delimited.js';

test('CSV fields round-trip through a real CSV parser, quotes, commas and line breaks included', () => {
  const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', '  spaced  ', 'ünï'];
  const text = csvRow(fields) + csvRow([1, 2.5, undefined, null, 'x', 'y', 'z', 'w']);
  const rows = parse(text, { relax_column_count: false }) as string[][];
  assert.deepEqual(rows[0], fields);
  assert.deepEqual(rows[1], ['1', '2.5', '', '', 'x', 'y', 'z', 'w']);
  assert.equal(csvField('plain'), 'plain');
});

test('TSV fields never contain the separators the projector splits on', () => {
  const row = tsvRow(['a\tb', 'c\nd', 'e\r\nf', 7]);
  assert.equal(row, 'a b\tc d\te  f\t7\n');
  assert.equal(row.split('\n').length, 2);
  assert.equal(row.trimEnd().split('\t').length, 4);
  assert.equal(tsvField(undefined), '');
});

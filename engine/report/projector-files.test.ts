import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metadataHeader, metadataRow, PATTERN_METADATA_COLUMNS, projectorConfig, VectorRows, vectorRow } from './projector-files.js';

test('vector rows are tab-separated numbers with no header, as the projector parses them', () => {
  const v = Float32Array.from([0.6, -0.8, 0, 1, 0.25, -0.5]);
  assert.equal(vectorRow(v, 3, 1), '1.000000\t0.250000\t-0.500000\n');
  const rows = new VectorRows(v, 3);
  assert.equal(rows.row(0), '0.600000\t-0.800000\t0.000000\n');
  assert.equal(rows.row(0), rows.row(0));
  // The projector takes a first field that is not a number as a label: every field must be numeric.
  for (const field of rows.row(0).trim().split('\t')) assert.ok(!Number.isNaN(Number(field)));
});

test('metadata has a header row with one name per column, and rows of the same width', () => {
  const header = metadataHeader(PATTERN_METADATA_COLUMNS, ['host', 'count']);
  assert.equal(header, 'raw\tnorm\tlen\tcluster\tcount\tpattern\thost\tmeta_count\n');
  const row = metadataRow(['a\tb', 'a <NUM>', 3, 'noise', 9, 'abc'], ['host', 'count'], { host: 'h1' });
  assert.equal(row.split('\t').length, header.split('\t').length);
  assert.equal(row, 'a b\ta <NUM>\t3\tnoise\t9\tabc\th1\t\n');
});

test('the projector config names both files', () => {
  assert.match(projectorConfig(), /embeddings \{\s+tensor_name: "[^"]+"\s+tensor_path: "vectors.tsv"\s+metadata_path: "metadata.tsv"\s+\}/);
});

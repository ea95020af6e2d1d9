import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binIndex, formatWidth, MAX_BINS, parseTimeBin, timeBinning } from './time-bins.js';

test('parses macro2micro-style widths and rejects the rest', () => {
  assert.equal(parseTimeBin('30s'), 30_000);
  assert.equal(parseTimeBin('5min'), 300_000);
  assert.equal(parseTimeBin('5T'), 300_000);
  assert.equal(parseTimeBin('5m'), 300_000);
  assert.equal(parseTimeBin('1H'), 3_600_000);
  assert.equal(parseTimeBin('h'), 3_600_000);
  assert.equal(parseTimeBin('1D'), 86_400_000);
  assert.equal(parseTimeBin('auto'), 'auto');
  for (const bad of ['', '5', 'hour', '0s', '500ms', '-1h']) assert.throws(() => parseTimeBin(bad), /--time-bin/);
});

test('bins are aligned to the width and cover both ends', () => {
  const t0 = Date.UTC(2021, 5, 4, 16, 7, 30);
  const t1 = Date.UTC(2021, 5, 4, 18, 59, 0);
  const b = timeBinning(t0, t1, 3_600_000);
  assert.equal(b.startMs, Date.UTC(2021, 5, 4, 16));
  assert.equal(b.count, 3);
  assert.equal(binIndex(b, t0), 0);
  assert.equal(binIndex(b, t1), 2);
  assert.equal(binIndex(b, Date.UTC(2021, 5, 4, 17, 0, 0)), 1);
});

test('auto picks a round width giving at most about 120 bins; a too fine width is coarsened', () => {
  const day = 86_400_000;
  const auto = timeBinning(0, 3 * day, 'auto');
  assert.equal(auto.widthMs, 3_600_000);
  assert.ok(auto.count <= 121);
  const fine = timeBinning(0, 30 * day, 1_000);
  assert.ok(fine.count <= MAX_BINS, `${fine.count} bins`);
  assert.equal(fine.coarsenedFromMs, 1_000);
  const one = timeBinning(5_000, 5_000, 'auto');
  assert.equal(one.count, 1);
  assert.equal(formatWidth(90_000), '1.5min');
  assert.equal(formatWidth(3_600_000), '1h');
});

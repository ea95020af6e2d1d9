import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANGE_ALPHA, logGamma, rateChange } from './rate-change.js';

test('small counts are weak evidence; large shifts are strong', () => {
  const one = rateChange(1, 60, 0, 60);
  assert.equal(one.pValue, 1);
  assert.equal(one.score, 0);
  assert.equal(one.direction, 'up');
  assert.equal(one.ratio, null);
  // 3 vs 0: P(X ≥ 3 | n = 3, p = ½) = 1/8, two-sided 1/4.
  assert.ok(Math.abs(rateChange(3, 60, 0, 60).pValue - 0.25) < 1e-12);
  // 10 vs 0: 2 · 2^-10.
  assert.ok(Math.abs(rateChange(10, 60, 0, 60).pValue - 2 / 1024) < 1e-12);
  const big = rateChange(200, 60, 20, 60);
  assert.ok(big.pValue < 1e-30 && big.score > 30, `${big.pValue} ${big.score}`);
  assert.equal(big.ratio, 10);
  assert.ok(rateChange(200, 60, 20, 60).pValue < CHANGE_ALPHA);
  assert.ok(rateChange(1, 60, 0, 60).pValue > CHANGE_ALPHA);
});

test('the same rate over windows of different lengths is no change; a fall is "down"', () => {
  const same = rateChange(10, 60, 40, 240);
  assert.equal(same.ratio, 1);
  assert.equal(same.pValue, 1);
  assert.ok(rateChange(12, 60, 40, 240).pValue > 0.3);
  const down = rateChange(2, 60, 100, 60);
  assert.equal(down.direction, 'down');
  assert.ok(down.pValue < 1e-20);
  // Symmetric: swapping the windows gives the same p-value.
  assert.ok(Math.abs(rateChange(100, 60, 2, 60).score - down.score) < 1e-9);
  assert.equal(rateChange(0, 60, 0, 60).pValue, 1);
});

test('exact binomial tail: a value checked by hand, and huge counts stay finite', () => {
  // P(X ≥ 8 | n = 10, p = ½) = (45 + 10 + 1) / 1024; two-sided 112/1024.
  assert.ok(Math.abs(rateChange(8, 1, 2, 1).pValue - 112 / 1024) < 1e-12);
  const huge = rateChange(2_000_000, 1, 1_000_000, 1);
  assert.equal(huge.pValue, 0);
  assert.ok(Number.isFinite(huge.score) && huge.score > 1000);
  assert.ok(Math.abs(logGamma(11) - Math.log(3628800)) < 1e-9);
  assert.throws(() => rateChange(1, 0, 1, 1), RangeError);
  assert.throws(() => rateChange(-1, 1, 1, 1), RangeError);
});

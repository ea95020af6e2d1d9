import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binIndex, chartRange, formatWidth, MAX_BINS, parseTimeBin, TimeSample, timeBinning } from './time-bins.js';

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

function sampleOf(times: number[]): TimeSample {
  const sample = new TimeSample();
  for (const t of times) sample.add(t);
  return sample;
}

test('far outliers are left out of the chart: one line dated 1999 among a day of 2024 lines', () => {
  const day = Date.UTC(2024, 0, 30);
  const times = Array.from({ length: 500 }, (_, i) => day + i * 60_000); // 08:20 of minutes
  const outlier = Date.UTC(1999, 11, 31);
  times.splice(250, 0, outlier);
  const range = chartRange(outlier, times[times.length - 1], sampleOf(times));
  assert.equal(range.fromMs, day);
  assert.equal(range.toMs, day + 499 * 60_000);
  assert.ok(range.dropBeforeMs !== undefined && range.dropBeforeMs > outlier && range.dropBeforeMs < day);
  assert.equal(range.dropAfterMs, undefined);
  const b = timeBinning(outlier, range.toMs, 'auto', range);
  assert.ok(b.count <= 121 && b.widthMs <= 10 * 60_000, `${b.count} bins of ${formatWidth(b.widthMs)}`);
  assert.equal(binIndex(b, outlier), -1);
  assert.equal(binIndex(b, day), 0);
});

test('no time is dropped when the times spread evenly, or sit in a few separate bursts', () => {
  const even = Array.from({ length: 1000 }, (_, i) => i * 3_600_000);
  const r1 = chartRange(0, 999 * 3_600_000, sampleOf(even));
  assert.deepEqual(r1, { fromMs: 0, toMs: 999 * 3_600_000 });
  // merged_events-like: bursts from many sources, years apart, each more than 1% of the times.
  const bursts = [Date.UTC(2021, 5, 4), Date.UTC(2022, 2, 21), Date.UTC(2023, 2, 20), Date.UTC(2024, 6, 28)].flatMap((t) =>
    Array.from({ length: 100 }, (_, i) => t + i * 1000),
  );
  const r2 = chartRange(bursts[0], bursts[bursts.length - 1], sampleOf(bursts));
  assert.equal(r2.dropBeforeMs, undefined);
  assert.equal(r2.dropAfterMs, undefined);
});

test('the sample is bounded and deterministic beyond its capacity', () => {
  const a = new TimeSample(100);
  const b = new TimeSample(100);
  for (let i = 0; i < 100_000; i++) {
    a.add(i);
    b.add(i);
  }
  const sa = a.sorted();
  assert.equal(sa.length, 100);
  assert.deepEqual(sa, b.sorted());
  assert.ok(sa[0] < 10_000 && sa[99] > 90_000, 'spread over the whole input');
});

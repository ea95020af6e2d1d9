import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrendCounts } from './event-rows.js';
import { rankClusters } from './ranked-clusters.js';
import type { TimeBinning } from './time-bins.js';
import { trendSeries, trendsHtml } from './trends-html.js';

const patterns = ['a', 'b', 'c', 'd'].map((canonical, i) => ({ canonical, count: 10 - i }));
const clusters = rankClusters('hdbscan', Int32Array.from([0, 1, 2, -1]), 3, patterns);

function trend(rows: number[][], outside = 0, binning: Partial<TimeBinning> = {}): TrendCounts {
  // rows[bin] = counts for cluster 0, 1, 2, noise
  return { binning: { startMs: 0, widthMs: 60_000, count: rows.length, ...binning }, clusters: 3, counts: Float64Array.from(rows.flat()), outside };
}

test('the top clusters get their own line, the rest one summed line, noise its own; nothing is lost', () => {
  const t = trend([
    [5, 1, 2, 0],
    [0, 3, 4, 1],
    [1, 0, 0, 2],
  ]);
  const series = trendSeries(t, clusters, 1);
  assert.deepEqual(
    series.map((s) => s.name),
    ['cluster 0', '2 other clusters', 'noise'],
  );
  assert.deepEqual(
    series.map((s) => s.counts),
    [
      [5, 0, 1],
      [3, 7, 0],
      [0, 1, 2],
    ],
  );
  const all = trendSeries(t, clusters, 10);
  assert.equal(all.length, 4);
  const total = (xs: typeof series) => xs.reduce((s, x) => s + x.counts.reduce((a, b) => a + b, 0), 0);
  assert.equal(total(series), 19);
  assert.equal(total(all), 19);
});

test('clusters without timed events are left out; the page embeds the series', () => {
  const series = trendSeries(trend([[0, 2, 0, 0]]), clusters, 10);
  assert.deepEqual(
    series.map((s) => s.name),
    ['cluster 1'],
  );
  const html = trendsHtml({ title: 't', trend: trend([[0, 2, 0, 0]]), clusters, topK: 10, timedEvents: 2 });
  assert.match(html, /"name":"cluster 1"/);
  assert.ok(!/src=|href=/.test(html), 'nothing loaded from elsewhere');
});

test('far outlying times left out of the chart are named in the subtitle', () => {
  const html = trendsHtml({ title: 't', trend: trend([[0, 2, 0, 0]], 9, { dropBeforeMs: Date.UTC(2019, 10, 20, 8) }), clusters, topK: 10, timedEvents: 11 });
  assert.match(html, /9 event\(s\) with far outlying times \(before 2019-11-20 08:00 UTC\) not shown/);
  assert.doesNotMatch(trendsHtml({ title: 't', trend: trend([[0, 2, 0, 0]]), clusters, topK: 10, timedEvents: 2 }), /outlying/);
});

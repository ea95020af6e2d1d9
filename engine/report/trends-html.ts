import type { TrendCounts } from './event-rows.js';
import { clusterColor, htmlPage } from './html-page.js';
import { clusterName, type RankedClusters } from './ranked-clusters.js';
import { droppedTimesText, formatWidth } from './time-bins.js';
import { TRENDS_SCRIPT } from './trends-script.js';

export const TRENDS_FILE = 'cluster_trends.html';
export const DEFAULT_TOPK_TREND = 10;

export interface TrendSeries {
  name: string;
  label: string;
  color: string;
  counts: number[];
}

/**
 * The series the chart draws: the `topK` clusters with the most timed events, then the remaining
 * clusters summed into one series, then noise — so every timed event is in exactly one series.
 */
export function trendSeries(trend: TrendCounts, clusters: RankedClusters, topK: number): TrendSeries[] {
  const slots = trend.clusters + 1;
  const bins = trend.binning.count;
  const column = (slot: number): number[] => Array.from({ length: bins }, (_, b) => trend.counts[b * slots + slot]);
  const totals = Array.from({ length: slots }, (_, s) => column(s).reduce((a, b) => a + b, 0));
  const ranked = [...Array(trend.clusters).keys()].filter((c) => totals[c] > 0).sort((a, b) => totals[b] - totals[a] || a - b);
  const series: TrendSeries[] = ranked
    .slice(0, topK)
    .map((c) => ({ name: `cluster ${clusterName(clusters, c)}`, label: clusters.labels[c], color: clusterColor(c), counts: column(c) }));
  const rest = ranked.slice(topK);
  if (rest.length > 0) {
    const sum = new Array<number>(bins).fill(0);
    for (const c of rest) for (let b = 0; b < bins; b++) sum[b] += trend.counts[b * slots + c];
    series.push({ name: `${rest.length} other clusters`, label: '', color: '#6e7781', counts: sum });
  }
  if (totals[trend.clusters] > 0) series.push({ name: clusterName(clusters, -1), label: '', color: clusterColor(-1), counts: column(trend.clusters) });
  return series;
}

export function trendsHtml(input: { title: string; trend: TrendCounts; clusters: RankedClusters; topK: number; timedEvents: number }): string {
  const { trend } = input;
  const series = trendSeries(trend, input.clusters, input.topK);
  const width = formatWidth(trend.binning.widthMs);
  const subtitle =
    `${input.timedEvents.toLocaleString('en-US')} events with a time, per ${width} bin (UTC), ${trend.binning.count} bins; ` +
    `the ${Math.min(input.topK, input.clusters.count)} largest clusters` +
    (series.some((s) => s.name.endsWith('other clusters')) ? ', the rest summed' : '') +
    (trend.outside > 0 ? `; ${trend.outside.toLocaleString('en-US')} event(s) with far outlying times (${droppedTimesText(trend.binning)}) not shown` : '') +
    '. Hover for the counts in a bin; click legend entries to hide or show.';
  return htmlPage({
    title: input.title,
    subtitle,
    body: '<main><div id="chart"><svg id="plot" role="img" aria-label="events per cluster over time"></svg><div id="tooltip"></div></div><ul id="legend"></ul></main>',
    css: '#plot{display:block;width:100%;height:100%}#plot text{font-size:11px;fill:#57606a}#plot .grid{stroke:#eaeef2}#plot .axis{stroke:#8c959f}#plot .series{fill:none;stroke-width:1.8}#plot .guide{stroke:#57606a;stroke-dasharray:3 3}',
    data: { startMs: trend.binning.startMs, widthMs: trend.binning.widthMs, bins: trend.binning.count, series },
    script: TRENDS_SCRIPT,
  });
}

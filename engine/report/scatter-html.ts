import type { Pattern } from '../patterns/pattern.js';
import { clusterColor, htmlPage } from './html-page.js';
import { clusterName, type RankedClusters } from './ranked-clusters.js';
import { SCATTER_SCRIPT } from './scatter-script.js';

export const SCATTER_FILE = 'clusters.html';
/** Characters of an example line carried into the page: the tooltip shows a line, not a document. */
const TOOLTIP_CHARS = 600;

export interface ScatterInput {
  title: string;
  patterns: readonly Pattern[];
  /** Raw first event of each pattern (the example shown on hover). */
  examples: readonly string[];
  clusters: RankedClusters;
  layout: Float32Array;
}

/** The data the page draws: one point per pattern (its events share one vector), sized by count. */
export function scatterData(input: ScatterInput) {
  const { patterns, clusters, layout } = input;
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const legend = Array.from({ length: clusters.count }, (_, c) => ({
    id: c,
    name: clusterName(clusters, c),
    label: clusters.labels[c],
    events: clusters.events[c],
    patterns: clusters.members[c].length,
    color: clusterColor(c),
  }));
  const noiseEvents = clusters.events[clusters.count];
  if (noiseEvents > 0) {
    legend.push({
      id: -1,
      name: clusterName(clusters, -1),
      label: '',
      events: noiseEvents,
      patterns: clusters.members[clusters.count].length,
      color: clusterColor(-1),
    });
  }
  return {
    totalEvents: clusters.totalEvents,
    legend,
    x: Array.from({ length: patterns.length }, (_, i) => round(layout[2 * i])),
    y: Array.from({ length: patterns.length }, (_, i) => round(layout[2 * i + 1])),
    cluster: Array.from(clusters.ofPattern),
    count: patterns.map((p) => p.count),
    norm: patterns.map((p) => p.canonical.slice(0, TOOLTIP_CHARS)),
    raw: input.examples.map((r) => r.slice(0, TOOLTIP_CHARS)),
  };
}

export function scatterHtml(input: ScatterInput): string {
  const { clusters, patterns } = input;
  const noise = clusters.events[clusters.count];
  const subtitle =
    `${clusters.totalEvents.toLocaleString('en-US')} events, ${patterns.length.toLocaleString('en-US')} patterns (one point each, area by count), ` +
    `${clusters.count} clusters` +
    (noise > 0 ? `, ${((100 * noise) / Math.max(1, clusters.totalEvents)).toFixed(1)}% of events ${clusterName(clusters, -1)}` : '') +
    '. Hover a point for its pattern; click legend entries to hide or show; wheel to zoom, drag to pan, double-click to reset.';
  return htmlPage({
    title: input.title,
    subtitle,
    body: '<main><div id="chart"><canvas id="plot" aria-label="UMAP scatter of log patterns"></canvas><div id="tooltip"></div></div><ul id="legend"></ul></main>',
    css: '#plot{display:block;width:100%;height:100%;cursor:crosshair}',
    data: scatterData(input),
    script: SCATTER_SCRIPT,
  });
}

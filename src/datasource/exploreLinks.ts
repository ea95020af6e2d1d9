import { locationUtil, urlUtil } from '@grafana/data';

import { LogAtlasOptions, LogStoreKind } from './types';

// "Open in Explore" links from the browser side (similar events); mirrors pkg/plugin/links.go, which
// builds the same links for the outlier table.

/** The log stores Explore links can open, and the Grafana data source plugin each is queried through. */
export const LOG_STORES: Array<{ value: LogStoreKind; label: string; pluginId: string; description: string }> = [
  { value: 'loki', label: 'Loki', pluginId: 'loki', description: 'Grafana Loki data source' },
  {
    value: 'victorialogs',
    label: 'VictoriaLogs',
    pluginId: 'victoriametrics-logs-datasource',
    description: 'VictoriaLogs data source (victoriametrics-logs-datasource plugin)',
  },
];

export interface ExploreTarget {
  kind: LogStoreKind;
  uid?: string;
}

/** Which data source the links open: exploreLogStore (Loki when unset) and that store's UID. */
export function exploreTarget(jsonData: LogAtlasOptions): ExploreTarget {
  if (jsonData.exploreLogStore === 'victorialogs') {
    return { kind: 'victorialogs', uid: jsonData.victoriaLogsDatasourceUid || undefined };
  }
  return { kind: 'loki', uid: jsonData.lokiDatasourceUid || undefined };
}

function render(labels: Record<string, string> | undefined, name: (k: string) => string): string | undefined {
  if (!labels || Object.keys(labels).length === 0) {
    return undefined;
  }
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${name(k)}=${JSON.stringify(labels[k])}`);
  return `{${parts.join(',')}}`;
}

/** LogQL stream selector, sorted keys: {app="sshd",host="a"}. */
export function streamSelector(labels: Record<string, string> | undefined): string | undefined {
  return render(labels, (k) => k);
}

/** LogsQL stream filter, sorted keys; a name that is not a plain identifier is quoted ("service.name"). */
export function logsqlStreamFilter(labels: Record<string, string> | undefined): string | undefined {
  return render(labels, (k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k)));
}

/** Explore on the stream of these labels over the range, or undefined without a data source or labels. */
export function exploreUrl(
  target: ExploreTarget | undefined,
  labels: Record<string, string> | undefined,
  range: { from: number; to: number },
): string | undefined {
  const expr = target?.kind === 'victorialogs' ? logsqlStreamFilter(labels) : streamSelector(labels);
  return expr ? exploreQueryUrl(target, expr, range) : undefined;
}

/** Explore running this query (in the log store's own language) over the range; undefined without a data source. */
export function exploreQueryUrl(target: ExploreTarget | undefined, expr: string, range: { from: number; to: number }): string | undefined {
  if (!target?.uid || !expr) {
    return undefined;
  }
  const store = LOG_STORES.find((s) => s.value === target.kind)!;
  const datasource = { type: store.pluginId, uid: target.uid };
  // victoriametrics-logs-datasource's query model: queryType "instant" = raw log lines; Loki's: "range"
  const query =
    target.kind === 'victorialogs'
      ? { refId: 'A', expr, queryType: 'instant', editorMode: 'code', datasource }
      : { refId: 'A', expr, queryType: 'range', datasource };
  const pane = { datasource: target.uid, queries: [query], range: { from: String(range.from), to: String(range.to) } };
  return locationUtil.assureBaseUrl(urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: JSON.stringify({ la: pane }) }));
}

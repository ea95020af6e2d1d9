import { exploreQueryUrl, exploreTarget, exploreUrl, logsqlStreamFilter, streamSelector } from './exploreLinks';

const panes = (url: string) => {
  expect(url.startsWith('/explore?')).toBe(true);
  const q = new URLSearchParams(url.split('?')[1]);
  expect(q.get('schemaVersion')).toBe('1');
  return JSON.parse(q.get('panes')!).la;
};

test('stream selector and LogsQL stream filter sort keys and quote values', () => {
  expect(streamSelector({ job: 'ssh', app: 'a"b' })).toBe('{app="a\\"b",job="ssh"}');
  expect(streamSelector({})).toBeUndefined();
  // the same labels the Go backend renders in pkg/plugin/links_test.go
  expect(logsqlStreamFilter({ job: 'ssh', 'service.name': 'a"b\\c', 'k8s-pod': 'p-1' })).toBe('{job="ssh","k8s-pod"="p-1","service.name"="a\\"b\\\\c"}');
  expect(logsqlStreamFilter(undefined)).toBeUndefined();
});

test('the target is Loki unless the data source chose VictoriaLogs, with that store UID', () => {
  const both = { lokiDatasourceUid: 'loki-1', victoriaLogsDatasourceUid: 'vl-1' };
  expect(exploreTarget(both)).toEqual({ kind: 'loki', uid: 'loki-1' });
  expect(exploreTarget({ ...both, exploreLogStore: 'victorialogs' })).toEqual({ kind: 'victorialogs', uid: 'vl-1' });
  expect(exploreTarget({ exploreLogStore: 'victorialogs', lokiDatasourceUid: 'loki-1' })).toEqual({ kind: 'victorialogs', uid: undefined });
});

test('a Loki link selects the stream in LogQL over the range', () => {
  const la = panes(exploreUrl({ kind: 'loki', uid: 'loki-1' }, { job: 'ssh' }, { from: 10, to: 20 })!);
  expect(la.datasource).toBe('loki-1');
  expect(la.queries).toEqual([{ refId: 'A', expr: '{job="ssh"}', queryType: 'range', datasource: { type: 'loki', uid: 'loki-1' } }]);
  expect(la.range).toEqual({ from: '10', to: '20' });
});

test('a VictoriaLogs link opens the victoriametrics-logs-datasource on the stream in LogsQL', () => {
  const la = panes(exploreUrl({ kind: 'victorialogs', uid: 'vl-1' }, { job: 'ssh', host: 'web-1' }, { from: 10, to: 20 })!);
  expect(la.datasource).toBe('vl-1');
  expect(la.queries).toEqual([
    {
      refId: 'A',
      expr: '{host="web-1",job="ssh"}',
      queryType: 'instant',
      editorMode: 'code',
      datasource: { type: 'victoriametrics-logs-datasource', uid: 'vl-1' },
    },
  ]);
  expect(la.range).toEqual({ from: '10', to: '20' });
});

test('no link without a data source or labels', () => {
  for (const kind of ['loki', 'victorialogs'] as const) {
    expect(exploreUrl({ kind }, { job: 'ssh' }, { from: 1, to: 2 })).toBeUndefined();
    expect(exploreUrl({ kind, uid: 'x' }, undefined, { from: 1, to: 2 })).toBeUndefined();
    expect(exploreUrl({ kind, uid: 'x' }, {}, { from: 1, to: 2 })).toBeUndefined();
  }
  expect(exploreUrl(undefined, { job: 'ssh' }, { from: 1, to: 2 })).toBeUndefined();
});

test('a template query link runs exactly that query in the log store', () => {
  const expr = '{job="ssh"} |~ "Failed password for .* from .* port"';
  const la = panes(exploreQueryUrl({ kind: 'loki', uid: 'loki-1' }, expr, { from: 10, to: 20 })!);
  expect(la.queries[0]).toEqual({ refId: 'A', expr, queryType: 'range', datasource: { type: 'loki', uid: 'loki-1' } });
  expect(exploreQueryUrl({ kind: 'loki' }, expr, { from: 10, to: 20 })).toBeUndefined();
});

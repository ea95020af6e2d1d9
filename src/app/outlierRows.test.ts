import { toDataFrame } from '@grafana/data';

import { markableCluster, outlierRows } from './outlierRows';

// the fields of pkg/plugin/frames.go OutliersFrame, with the clusterLabel newer engines add
const frame = toDataFrame({
  fields: [
    { name: 'time', values: [1000, 2000, 3000] },
    { name: 'score', values: [0.4, 0.9, 0.9] },
    { name: 'kind', values: ['distance', 'burst', 'entity'] },
    { name: 'reasons', values: ['far', 'many', 'spread'] },
    { name: 'line', values: ['a', 'b', 'c'] },
    { name: 'cluster', values: ['c1', 'noise', null] },
    { name: 'clusterLabel', values: ['sshd: Failed password', 'noise', null] },
    { name: 'pattern', values: ['p1', '', 'p3'] },
    { name: 'exploreUrl', values: ['/explore?x', '', ''] },
  ],
});

test('rows are read highest score first, newest first among equals, with readable cluster names', () => {
  const rows = outlierRows(frame);
  expect(rows.map((r) => r.line)).toEqual(['c', 'b', 'a']);
  expect(rows[2]).toEqual({
    timeMs: 1000,
    score: 0.4,
    kind: 'distance',
    reasons: 'far',
    line: 'a',
    cluster: 'c1',
    clusterName: 'sshd: Failed password',
    pattern: 'p1',
    exploreUrl: '/explore?x',
  });
  // no pattern (a burst) and no cluster read as undefined, not as empty strings
  expect(rows[1].pattern).toBeUndefined();
  expect(rows[0].cluster).toBeUndefined();
});

test('only a real cluster can be marked normal', () => {
  const [c, b, a] = outlierRows(frame);
  expect(markableCluster(a)).toBe('c1');
  expect(markableCluster(b)).toBeUndefined(); // noise
  expect(markableCluster(c)).toBeUndefined(); // none
});

test('a frame that is not the outliers one gives no rows', () => {
  expect(outlierRows(undefined)).toEqual([]);
  expect(outlierRows(toDataFrame({ fields: [{ name: 'pattern', values: ['p'] }] }))).toEqual([]);
});

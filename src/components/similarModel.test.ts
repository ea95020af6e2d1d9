import { toDataFrame } from '@grafana/data';

import { closeness, resultsFromFrame, sortResults } from './similarModel';

const r = (pattern: string, distance: number, count: number) => ({ pattern, canonical: pattern, distance, count, example: pattern, cluster: 'c0' });

test('closeness words follow the engine scale', () => {
  expect([0.02, 0.2, 0.4, 0.6].map(closeness)).toEqual(['same meaning', 'close', 'related', 'distant']);
});

test('results sort nearest first, then by count', () => {
  expect(sortResults([r('a', 0.3, 1), r('b', 0.1, 1), r('c', 0.1, 9)]).map((x) => x.pattern)).toEqual(['c', 'b', 'a']);
});

test('reads the "similar" frame nearest first, with readable cluster and stream selector', () => {
  const frame = toDataFrame({
    fields: [
      { name: 'pattern', values: ['p2', 'p1'] },
      { name: 'canonical', values: ['far', 'near'] },
      { name: 'distance', values: [0.6, 0.1] },
      { name: 'count', values: [3, 40] },
      { name: 'example', values: ['far ex', 'near ex'] },
      { name: 'cluster', values: ['c1', 'c0'] },
      { name: 'clusterLabel', values: ['kernel', 'sshd'] },
      { name: 'labels', values: ['{job="x"}', ''] },
    ],
  });
  expect(resultsFromFrame(frame)).toEqual([
    { pattern: 'p1', canonical: 'near', distance: 0.1, count: 40, example: 'near ex', cluster: 'c0', clusterLabel: 'sshd', selector: undefined },
    { pattern: 'p2', canonical: 'far', distance: 0.6, count: 3, example: 'far ex', cluster: 'c1', clusterLabel: 'kernel', selector: '{job="x"}' },
  ]);
  expect(resultsFromFrame(toDataFrame({ fields: [{ name: 'x', values: [1] }] }))).toBeUndefined();
});

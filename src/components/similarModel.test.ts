import { closeness, exploreUrl, sortResults, streamSelector } from './similarModel';

const r = (pattern: string, distance: number, count: number, labels?: Record<string, string>) => ({ pattern, canonical: pattern, distance, count, example: pattern, cluster: 'c0', labels });

test('closeness words follow the engine scale', () => {
  expect([0.02, 0.2, 0.4, 0.6].map(closeness)).toEqual(['same meaning', 'close', 'related', 'distant']);
});

test('stream selector sorts keys and quotes values', () => {
  expect(streamSelector({ job: 'ssh', app: 'a"b' })).toBe('{app="a\\"b",job="ssh"}');
  expect(streamSelector({})).toBeUndefined();
});

test('explore url selects the stream in the range, only with Loki and labels', () => {
  const url = exploreUrl('loki1', r('p', 0.1, 1, { job: 'ssh' }), { from: 10, to: 20 })!;
  const panes = JSON.parse(new URLSearchParams(url.split('?')[1]).get('panes')!);
  expect(url.startsWith('/explore?')).toBe(true);
  expect(panes.la.queries[0].expr).toBe('{job="ssh"}');
  expect(panes.la.range).toEqual({ from: '10', to: '20' });
  expect(exploreUrl(undefined, r('p', 0.1, 1, { job: 'ssh' }), { from: 1, to: 2 })).toBeUndefined();
  expect(exploreUrl('loki1', r('p', 0.1, 1), { from: 1, to: 2 })).toBeUndefined();
});

test('results sort nearest first, then by count', () => {
  expect(sortResults([r('a', 0.3, 1), r('b', 0.1, 1), r('c', 0.1, 9)]).map((x) => x.pattern)).toEqual(['c', 'b', 'a']);
});

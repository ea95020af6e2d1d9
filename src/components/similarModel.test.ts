import { closeness, sortResults } from './similarModel';

const r = (pattern: string, distance: number, count: number) => ({ pattern, canonical: pattern, distance, count, example: pattern, cluster: 'c0' });

test('closeness words follow the engine scale', () => {
  expect([0.02, 0.2, 0.4, 0.6].map(closeness)).toEqual(['same meaning', 'close', 'related', 'distant']);
});

test('results sort nearest first, then by count', () => {
  expect(sortResults([r('a', 0.3, 1), r('b', 0.1, 1), r('c', 0.1, 9)]).map((x) => x.pattern)).toEqual(['c', 'b', 'a']);
});

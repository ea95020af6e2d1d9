import { ChangeRow } from '../datasource/types';
import { countChange, orderChanges, previousRange } from './changesModel';

const row = (status: ChangeRow['status'], count: number, baselineCount: number, score: number, canonical: string = status): ChangeRow => ({
  status,
  canonical,
  count,
  baselineCount,
  score,
});

test('new templates come first, then gone, then the most surprising change (as the engine orders them)', () => {
  const rows = [
    row('steady', 10, 10, 0),
    row('shrunk', 1, 50, 3),
    row('new', 2, 0, 1, 'new-a'),
    row('grown', 90, 3, 8),
    row('new', 40, 0, 9, 'new-b'),
    row('gone', 0, 30, 5),
  ];
  expect(orderChanges(rows).map((r) => r.canonical)).toEqual(['new-b', 'new-a', 'gone', 'grown', 'shrunk', 'steady']);
});

test('count changes read as a person says them', () => {
  expect(countChange(row('new', 1234, 0, 1))).toBe('new: 1,234');
  expect(countChange(row('gone', 0, 40, 1))).toBe('gone (was 40)');
  expect(countChange(row('grown', 340, 12, 1))).toBe('12 → 340 (×28)');
  expect(countChange(row('shrunk', 5, 20, 1))).toBe('20 → 5 (×0.3)');
});

test('the default baseline is the same length just before', () => {
  expect(previousRange(1000, 4000)).toEqual({ baselineFrom: -2000, baselineTo: 1000 });
});

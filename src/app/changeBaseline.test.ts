import { baselineChoiceOf, changeBaseline } from './changeBaseline';

const range = { from: Date.UTC(2026, 11, 5, 9, 0), to: Date.UTC(2026, 11, 5, 9, 15) };

test('same length before is the engine default: no explicit window', () => {
  expect(changeBaseline('before', range)).toBeUndefined();
});

test('same time yesterday and last week move the whole range back by 1 and 7 days', () => {
  expect(changeBaseline('yesterday', range)).toEqual({ baselineFrom: Date.UTC(2026, 11, 4, 9, 0), baselineTo: Date.UTC(2026, 11, 4, 9, 15) });
  expect(changeBaseline('lastWeek', range)).toEqual({ baselineFrom: Date.UTC(2026, 10, 28, 9, 0), baselineTo: Date.UTC(2026, 10, 28, 9, 15) });
});

test("a URL's baseline parameter names a choice; a missing or unknown one is the default", () => {
  expect(baselineChoiceOf('lastWeek')).toBe('lastWeek');
  expect(baselineChoiceOf('yesterday')).toBe('yesterday');
  expect(baselineChoiceOf(undefined)).toBe('before');
  expect(baselineChoiceOf('tomorrow')).toBe('before');
  expect(baselineChoiceOf(['yesterday'])).toBe('before');
});

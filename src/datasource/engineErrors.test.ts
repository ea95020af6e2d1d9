import { engineLacksRoute, errorText } from './engineErrors';

test("the engine's message is what a page shows", () => {
  expect(errorText({ status: 400, data: { error: 'to must be after from' } })).toBe('to must be after from');
  expect(errorText({ data: { message: 'Plugin health check failed' } })).toBe('Plugin health check failed');
  expect(errorText(new Error('network down'))).toBe('network down');
});

test('an engine without the route is told apart from a missing watch or item', () => {
  expect(engineLacksRoute({ status: 404, data: { error: 'Route GET:/api/v1/changes not found' } })).toBe(true);
  expect(engineLacksRoute({ status: 405, data: { error: 'DELETE is not allowed on feedback' } })).toBe(true);
  expect(engineLacksRoute({ status: 404, data: { error: 'no watch named ssh' } })).toBe(false);
  expect(engineLacksRoute({ status: 404, data: { error: 'no feedback 0b3c on watch ssh' } })).toBe(false);
  expect(engineLacksRoute({ status: 500, data: { error: 'Route exploded' } })).toBe(false);
});

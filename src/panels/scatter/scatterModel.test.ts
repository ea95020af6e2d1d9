import { toDataFrame } from '@grafana/data';

import { clusterOrder, fitView, panBy, pointsFromFrame, radiusOf, ScreenGrid, toScreen, zoomAt } from './scatterModel';

const frame = toDataFrame({
  fields: [
    { name: 'pattern', values: ['a', 'b', 'c', 'd'] },
    { name: 'x', values: [0, 10, 5, Number.NaN] },
    { name: 'y', values: [0, 10, 5, 1] },
    { name: 'cluster', values: ['c1', 'c2', 'noise', 'c1'] },
    { name: 'count', values: [5, 100, 1, 1] },
    { name: 'canonical', values: ['A <num>', 'B', 'C', 'D'] },
  ],
});

test('reads the scatter frame and drops points without a position', () => {
  const pts = pointsFromFrame(frame)!;
  expect(pts.map((p) => p.pattern)).toEqual(['a', 'b', 'c']);
  expect(pts[1]).toEqual({ pattern: 'b', x: 10, y: 10, cluster: 'c2', clusterLabel: 'c2', count: 100, canonical: 'B' });
  expect(pointsFromFrame(toDataFrame({ fields: [{ name: 'time', values: [1] }] }))).toBeUndefined();
});

test('reads the readable cluster name when the frame has one, the id when it has none', () => {
  const labelled = toDataFrame({
    fields: [
      ...frame.fields.map((f) => ({ name: f.name, values: f.values })),
      { name: 'clusterLabel', values: ['sshd: Failed password', '', null, 'sshd: Failed password'] },
    ],
  });
  const pts = pointsFromFrame(labelled)!;
  expect(pts.map((p) => [p.cluster, p.clusterLabel])).toEqual([
    ['c1', 'sshd: Failed password'],
    ['c2', 'c2'],
    ['noise', 'noise'],
  ]);
});

test('fitView puts the extreme points inside the margins, y up', () => {
  const pts = pointsFromFrame(frame)!;
  const v = fitView(pts, 220, 120, 10);
  const [x0, y0] = toScreen(v, pts[0]);
  const [x1, y1] = toScreen(v, pts[1]);
  expect(y0).toBeCloseTo(110); // lowest data y at the bottom margin
  expect(y1).toBeCloseTo(10);
  expect(x1 - x0).toBeCloseTo(100); // square aspect: height limits the scale
  expect((x0 + x1) / 2).toBeCloseTo(110);
});

test('zoomAt keeps the point under the cursor fixed; panBy moves everything', () => {
  const v = { scale: 2, tx: 10, ty: 50 };
  const p = { x: 7, y: 3 };
  const before = toScreen(v, p);
  const after = toScreen(zoomAt(v, 3, before[0], before[1]), p);
  expect(after[0]).toBeCloseTo(before[0]);
  expect(after[1]).toBeCloseTo(before[1]);
  expect(toScreen(panBy(v, 5, -2), p)).toEqual([before[0] + 5, before[1] - 2]);
});

test('grid hit testing finds the nearest visible point within reach only', () => {
  const pts = pointsFromFrame(frame)!;
  const v = fitView(pts, 220, 120, 10);
  const grid = ScreenGrid.build(pts, v);
  const [bx, by] = toScreen(v, pts[1]);
  expect(grid.nearest(bx + 3, by - 2)).toBe(1);
  expect(grid.nearest(bx + 40, by + 40)).toBe(-1);
  const [cx, cy] = toScreen(v, pts[2]);
  expect(grid.nearest(cx, cy, 10, (i) => i !== 2)).toBe(-1);
});

test('cluster order is by events with noise last; radius grows with count', () => {
  expect(clusterOrder(pointsFromFrame(frame)!)).toEqual(['c2', 'c1', 'noise']);
  expect(radiusOf(1)).toBeLessThan(radiusOf(100));
  expect(radiusOf(1e9)).toBe(9);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeChanges, classifyChange, grownTemplateCounts } from './change-analysis.js';

const MIN = 60_000;
const w = { fromMs: 10 * MIN, toMs: 20 * MIN, baselineFromMs: 0, baselineToMs: 10 * MIN };

test('statuses: new by first-seen time (not by the baseline window), gone, grown, shrunk, steady', () => {
  assert.equal(classifyChange(5, 0, 12 * MIN, w).status, 'new');
  // No events in the baseline window but seen long before it: not new, and 1 line against 0 is steady.
  assert.equal(classifyChange(1, 0, -100 * MIN, w).status, 'steady');
  assert.equal(classifyChange(0, 30, 0, w).status, 'gone');
  assert.equal(classifyChange(200, 20, 0, w).status, 'grown');
  assert.equal(classifyChange(20, 200, 0, w).status, 'shrunk');
  assert.equal(classifyChange(22, 20, 0, w).status, 'steady');
});

test('new first, then gone, then by significance; clusters aggregate their templates', () => {
  const templates = [
    { key: 1, firstSeenMs: 0, cluster: 0, name: 'steady' },
    { key: 2, firstSeenMs: 0, cluster: 0, name: 'grown' },
    { key: 3, firstSeenMs: 15 * MIN, cluster: 1, name: 'new' },
    { key: 4, firstSeenMs: 0, cluster: 2, name: 'gone' },
    { key: 5, firstSeenMs: 0, cluster: undefined, name: 'slightly up' },
    { key: 6, firstSeenMs: 0, cluster: 2, name: 'silent' },
  ];
  const rangeCounts = new Map([
    [1, 50],
    [2, 300],
    [3, 1],
    [5, 14],
  ]);
  const baselineCounts = new Map([
    [1, 48],
    [2, 30],
    [4, 40],
    [5, 7],
  ]);
  const { templates: rows, clusters } = analyzeChanges({ ...w, templates, rangeCounts, baselineCounts });
  assert.deepEqual(
    rows.map((r) => [r.template.name, r.status]),
    [
      ['new', 'new'],
      ['gone', 'gone'],
      ['grown', 'grown'],
      ['slightly up', 'steady'],
      ['steady', 'steady'],
    ],
  );
  assert.equal(rows[2].ratio, 10);
  assert.ok(rows[2].score > 30);
  assert.ok(rows[3].score > rows[4].score, 'the larger (still not significant) change ranks above the flat one');
  // Cluster 1 is new (its only template is); cluster 2 is gone; cluster 0 grew.
  assert.deepEqual(
    clusters.map((c) => [c.cluster, c.status, c.count, c.baselineCount, c.templates]),
    [
      [1, 'new', 1, 0, 1],
      [2, 'gone', 0, 40, 1],
      [0, 'grown', 350, 78, 2],
      [-1, 'steady', 14, 7, 1],
    ],
  );
});

test('grown templates per step: only a significant rise against the step before counts', () => {
  const step = MIN;
  const rows = [
    { t: 0, patternKey: 1, count: 20 },
    { t: step, patternKey: 1, count: 200 }, // grown
    { t: step, patternKey: 2, count: 1 }, // one new line: not significant
    { t: 2 * step, patternKey: 1, count: 210 }, // steady at the new level
    { t: 2 * step, patternKey: 3, count: 30 }, // new and large: grown
    { t: 2 * step, patternKey: 2, count: 2 },
  ];
  assert.deepEqual(grownTemplateCounts(rows, [0, step, 2 * step, 3 * step], step), [1, 1, 1, 0]);
});

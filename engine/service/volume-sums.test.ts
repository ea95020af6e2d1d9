import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baseline } from '../store/baseline.js';
import { SqliteWatchStore } from '../store/watch-store.js';
import { volumeSums } from './volume-sums.js';

test('clusters ranked by events, ties by id as text (c10 before c7, noise last); named ones in rank order; the rest added up', () => {
  const b = Baseline.open(join(mkdtempSync(join(tmpdir(), 'logatlas-vsums-')), 'w'), { create: true });
  const s = new SqliteWatchStore(b);
  const stream = s.streamId('{host="a"}');
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  // Events per cluster over two steps of a minute: c2 9, then c7, c10 and noise tied at 5, c3 1.
  const wanted: Array<[cluster: number, first: number, second: number]> = [
    [2, 4, 5],
    [7, 5, 0],
    [10, 2, 3],
    [-1, 1, 4],
    [3, 0, 1],
  ];
  const t0 = 16_666_667 * 60_000; // on a minute
  const placements = wanted.map(([cluster], i) => {
    const line = `${letters[i]}${letters[i]}x ${letters[i + 5]}qq ${letters[i + 10]}zz ready`;
    const { pattern } = b.patterns.add(
      { raw: line, text: line, labels: {}, metadata: {}, seq: i, origin: 't', timestampNs: 0n },
      { canonical: line, entities: [] },
    );
    return { patternKey: pattern.key, cluster, x: 0, y: 0 };
  });
  s.commitIngest({
    buckets: wanted.flatMap(([, first, second], i) =>
      [
        { bucketMs: t0, patternKey: placements[i].patternKey, streamId: stream, count: first },
        { bucketMs: t0 + 60_000, patternKey: placements[i].patternKey, streamId: stream, count: second },
      ].filter((x) => x.count > 0),
    ),
    entities: [],
    links: [],
    outliers: [],
    cursor: { cursorNs: 1n, seen: [], events: 0, lastEventNs: null },
  });
  s.replaceClusters(
    placements,
    [2, 3, 7, 10].map((id) => ({ id, label: `c${id}`, size: 1, patterns: 1, topEntities: [] })),
  );
  for (const streamIds of [undefined, [stream]]) {
    const top = volumeSums(s, t0, t0 + 120_000, 60_000, streamIds, { top: 3 });
    assert.deepEqual(
      top.chosen.map((c) => [c.cluster, [...c.points]]),
      [
        ['c2', [4, 5]],
        ['c10', [2, 3]],
        ['c7', [5, 0]],
      ],
    );
    assert.deepEqual([...top.rest], [1, 5], 'noise and c3');
    assert.equal(top.restClusters, 2);
    const named = volumeSums(s, t0, t0 + 120_000, 60_000, streamIds, { clusters: ['c3', 'c007', 'c99', 'noise', 'other'] });
    assert.deepEqual(
      named.chosen.map((c) => c.cluster),
      ['noise', 'c3'],
    );
    assert.deepEqual([...named.rest], [11, 8], 'c2, c7 and c10');
    assert.equal(named.restClusters, 3);
  }
  b.close();
});

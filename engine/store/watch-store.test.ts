import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baseline } from './baseline.js';
import { SqliteWatchStore, type OutlierRecord } from './watch-store.js';

const outlier = (timeMs: number, patternId: string): OutlierRecord => ({
  timeMs, tsNs: `${timeMs}000000`, kind: 'distance', score: 0.7, reasons: ['far'], line: `line ${timeMs}`, labels: { a: 'b' },
  patternId, nearestPatternId: null, nearestCanonical: null, distance: 0.7, cluster: null, rule: null,
});

test('one commit writes counts, outliers and cursor together; reads aggregate them and survive reopening', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'logatlas-ws-')), 'w');
  let b = Baseline.open(dir, { create: true });
  let s = new SqliteWatchStore(b);
  assert.equal(s.readCursor(), undefined);
  const stream = s.streamId('{a="b"}');
  assert.equal(s.streamId('{a="b"}'), stream);
  s.commitIngest({
    buckets: [
      { bucketMs: 0, patternKey: 1, streamId: stream, count: 3 },
      { bucketMs: 10_000, patternKey: 2, streamId: stream, count: 4 },
    ],
    entities: [{ bucketMs: 0, kind: 'ip', value: '10.0.0.1', patternKey: 1, count: 3 }],
    links: [{ kind: 'ip', value: '10.0.0.1', otherKind: 'host', otherValue: 'h', timeMs: 5, count: 3 }],
    outliers: [outlier(5000, 'p1'), outlier(15_000, 'p2'), outlier(15_000, 'p3')],
    cursor: { cursorNs: 15_000_000_000n, seen: ['x', 'y'], events: 7, lastEventNs: 15_000_000_000n },
  });
  s.commitIngest({ buckets: [{ bucketMs: 10_000, patternKey: 2, streamId: stream, count: 1 }], entities: [], links: [], outliers: [], cursor: { cursorNs: 16_000_000_000n, seen: [], events: 8, lastEventNs: 16_000_000_000n } });
  b.close();

  b = Baseline.open(dir);
  s = new SqliteWatchStore(b);
  assert.deepEqual(s.readCursor(), { cursorNs: 16_000_000_000n, seen: [], events: 8, lastEventNs: 16_000_000_000n });
  assert.deepEqual(s.eventCounts(0, 20_000, 20_000), [{ t: 0, count: 8 }]);
  assert.deepEqual(s.volumes(0, 20_000, 10_000, [stream]).map((r) => [r.t, r.cluster, r.count]), [[0, -1, 3], [10_000, -1, 5]]);
  assert.deepEqual(s.volumes(0, 20_000, 10_000, []), []);
  s.replaceClusters([{ patternKey: 2, cluster: 0, x: 1, y: 2 }], [{ id: 0, label: 'two', size: 5, patterns: 1, topEntities: [] }]);
  assert.deepEqual(s.volumes(10_000, 20_000, 10_000).map((r) => r.cluster), [0]);
  assert.equal(s.entityTotals('ip', '10.0.0.1', 0), 3);
  // Newest first, paged by (time, id) without repeats.
  const first = s.outliers(0, 20_000, 2);
  const rest = s.outliers(0, 20_000, 2, { timeMs: first[1].timeMs, id: first[1].id! });
  assert.deepEqual([...first, ...rest].map((o) => o.patternId), ['p3', 'p2', 'p1']);
  assert.deepEqual(s.outlierCounts(0, 20_000, 10_000, ['p2']), [{ t: 0, count: 1 }, { t: 10_000, count: 1 }]);
  b.close();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { Pattern } from '../patterns/pattern.js';
import { clusterExamplesCsv, clusterSummaryCsv } from './cluster-tables.js';
import { rankClusters } from './ranked-clusters.js';

function pattern(canonical: string, count: number, raws: string[]): Pattern {
  return {
    id: `id-${canonical}`,
    key: 0,
    canonical,
    count,
    firstSeenNs: 0n,
    lastSeenNs: 0n,
    entities: {},
    entitiesOther: {},
    examples: raws.map((raw, i) => ({ raw, labels: {}, origin: 'x', seq: i + 1 })),
  };
}

const patterns = [
  pattern('login <USER>', 60, ['login ann', 'login bob', 'login, "cy"']),
  pattern('logout <USER>', 30, ['logout ann', 'logout bob']),
  pattern('disk full', 10, ['disk full']),
];
const clusters = rankClusters('hdbscan', Int32Array.from([0, 0, -1]), 1, patterns);

test('summary: count and share per cluster, noise last, shares sum to 1', () => {
  const rows = parse(clusterSummaryCsv(clusters), { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(
    rows.map((r) => r.cluster),
    ['0', 'noise'],
  );
  assert.deepEqual(
    rows.map((r) => Number(r.count)),
    [90, 10],
  );
  assert.equal(
    rows.reduce((s, r) => s + Number(r.share), 0),
    1,
  );
  // The two templates share no word: the cluster is named after the words of its most frequent one.
  assert.equal(rows[0].label, 'login');
  assert.equal(rows[0].patterns, '2');
});

test('examples: one per pattern first, then more, at most the cap per cluster', () => {
  const rows = parse(clusterExamplesCsv(clusters, patterns, 4), { columns: true }) as Array<Record<string, string>>;
  const c0 = rows.filter((r) => r.cluster === '0');
  assert.deepEqual(
    c0.map((r) => r.raw),
    ['login ann', 'logout ann', 'login bob', 'logout bob'],
  );
  assert.equal(c0[0].norm, 'login <USER>');
  const all = parse(clusterExamplesCsv(clusters, patterns), { columns: true }) as Array<Record<string, string>>;
  assert.equal(all.filter((r) => r.cluster === '0').length, 5);
  assert.equal(all.find((r) => r.raw === 'login, "cy"')?.pattern, 'id-login <USER>');
  assert.deepEqual(
    all.filter((r) => r.cluster === 'noise').map((r) => r.raw),
    ['disk full'],
  );
});

test('summary: with describeClusters, the label is built from the templates and top entities are listed', async () => {
  const { describeClusters } = await import('../cluster/describe-clusters.js');
  const withEntities = [
    {
      ...pattern('<TS> <HOST> sshd[<NUM>]: session opened for user <USER> from <IP>', 60, ['login ann from 10.0.0.5']),
      entities: { ip: { '10.0.0.5': 50, '10.0.0.6': 10 } },
    },
    { ...pattern('<TS> <HOST> sshd[<NUM>]: session closed for user <USER> from <IP>', 30, ['logout ann from 10.0.0.5']), entities: { ip: { '10.0.0.5': 30 } } },
    pattern('disk full', 10, ['disk full']),
  ] as Pattern[];
  const labels = Int32Array.from([0, 0, -1]);
  const ranked = rankClusters('hdbscan', labels, 1, withEntities, describeClusters(withEntities, { labels, nClusters: 1 }));
  const rows = parse(clusterSummaryCsv(ranked), { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows[0].label, 'sshd: session … for user');
  assert.match(rows[0].top_entities, /^ip=10\.0\.0\.5 \(80\); ip=10\.0\.0\.6 \(10\)$/);
  assert.equal(rows[1].top_entities, '');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCanonicalizer } from '../canonical/canonicalizer.js';
import { textLineEvent } from '../events/text.js';
import { PatternTable } from '../patterns/pattern-table.js';
import { describeClusters } from './describe-clusters.js';

// Real lines through the real canonicalizer and pattern table, so entities are what ingest records.
const canonicalizer = createCanonicalizer();
const table = new PatternTable();
const lines: string[] = [];
for (let i = 0; i < 6; i++) lines.push(`sshd[${10 + i}]: Failed password for invalid user admin from 10.0.0.${i % 2} port ${4000 + i} ssh2`);
for (let i = 0; i < 3; i++) lines.push(`sshd[${20 + i}]: Failed password for root from 10.0.0.1 port ${5000 + i} ssh2`);
for (let i = 0; i < 2; i++) lines.push(`kernel: disk temperature ${40 + i} C on sensor ${i + 10}`);
lines.forEach((line, i) => {
  const event = textLineEvent(line, i + 1, 'test');
  table.add(event, canonicalizer.canonicalize(event.text), 0n);
});
const patterns = [...table.all()];

test('the patterns are what the test means: two ssh phrasings and one disk phrasing', () => {
  assert.equal(patterns.length, 3);
  assert.deepEqual(
    patterns.map((p) => p.count),
    [6, 3, 2],
  );
});

test('sizes in events, the most frequent pattern as representative, a label from the shared words, words every member shares, top entities', () => {
  const [cluster] = describeClusters(patterns, { labels: Int32Array.from([0, 0, -1]), nClusters: 1 });
  assert.equal(cluster.id, 0);
  assert.equal(cluster.size, 9);
  assert.equal(cluster.patterns, 2);
  assert.equal(cluster.representativePatternId, patterns[0].id);
  // `invalid user` is only in the first template: left out of the label.
  assert.equal(cluster.label, 'sshd: Failed password for … from … port … ssh2');
  for (const word of ['Failed', 'password', 'for', 'from', 'port', 'ssh2']) assert.ok(cluster.stableTokens.includes(word), word);
  assert.ok(!cluster.stableTokens.includes('invalid'), 'only in one pattern');
  assert.ok(!cluster.stableTokens.some((w) => /^<[A-Z_]+>$/.test(w)), 'no placeholders');
  // 10.0.0.1: 3 lines of the first pattern + 3 of the second; 10.0.0.0: 3.
  const ips = cluster.topEntities.filter((e) => e.kind === 'ip');
  assert.deepEqual(ips, [
    { kind: 'ip', value: '10.0.0.1', count: 6 },
    { kind: 'ip', value: '10.0.0.0', count: 3 },
  ]);
  const counts = cluster.topEntities.map((e) => e.count);
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
    'most frequent first',
  );
  assert.ok(cluster.topEntities.filter((e) => e.kind === 'port').length <= 3, 'at most 3 values per kind');
});

test('with vectors the representative is the member nearest the count-weighted centre', () => {
  // Pattern 1 sits between pattern 0 and a far pattern 2, all in one cluster: the centre is nearest pattern 1.
  const vectors = Float32Array.from([1, 0, Math.SQRT1_2, Math.SQRT1_2, 0, 1]);
  const [cluster] = describeClusters(patterns, { labels: Int32Array.from([0, 0, 0]), nClusters: 1 }, { vectors, dim: 2 });
  assert.equal(cluster.representativePatternId, patterns[1].id);
  assert.equal(cluster.size, 11);
});

test('one description per cluster id in order, noise left out, long labels shortened', () => {
  const described = describeClusters(patterns, { labels: Int32Array.from([1, -1, 0]), nClusters: 2 }, { maxLabelLength: 20 });
  assert.deepEqual(
    described.map((d) => [d.id, d.size]),
    [
      [0, 2],
      [1, 6],
    ],
  );
  assert.ok(described.every((d) => d.label.length <= 20));
  assert.ok(described[1].label.endsWith('…'));
  assert.throws(() => describeClusters(patterns, { labels: Int32Array.from([0]), nClusters: 1 }), /1 labels for 3 patterns/);
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hdbscan, type HdbscanResult } from './hdbscan.js';
import { buildExactKnnGraph, chordalKnnGraph, type KnnGraph } from './knn-graph.js';
import { adjustedRandIndex, samePartition } from './metrics.js';

/** Fixtures written by reference/make_reference.py with the Python hdbscan package. */
interface Fixture {
  name: string;
  metric: 'cosine' | 'euclidean';
  minClusterSize: number;
  minSamples: number;
  selection: 'eom' | 'leaf';
  dim: number;
  vectors: number[][];
  counts: number[] | null;
  copiesAgree: boolean;
  labels: number[];
  probabilities: number[];
  outlierScores: Array<number | null>;
}

const dir = new URL('../../../engine/cluster/reference/', import.meta.url);
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));

function graph(fixture: Fixture, k: number): KnnGraph {
  const cosine = buildExactKnnGraph(Float32Array.from(fixture.vectors.flat()), fixture.dim, k);
  return fixture.metric === 'euclidean' ? chordalKnnGraph(cosine) : cosine;
}

function run(fixture: Fixture, k: number) {
  return hdbscan({
    knn: graph(fixture, k),
    weights: fixture.counts ?? undefined,
    minClusterSize: fixture.minClusterSize,
    minSamples: fixture.minSamples,
    clusterSelectionMethod: fixture.selection,
  });
}

test('the reference fixtures are present and non-trivial', () => {
  assert.ok(fixtures.length >= 6, `${fixtures.length} fixtures`);
  assert.ok(
    fixtures.some((f) => f.counts !== null && f.counts.some((c) => c > f.minSamples)),
    'a fixture with heavy counts',
  );
  assert.ok(fixtures.some((f) => f.selection === 'leaf'));
  for (const f of fixtures) {
    assert.ok(Math.max(...f.labels) >= 1, `${f.name}: at least two clusters`);
    assert.ok(f.copiesAgree, `${f.name}: Python gave duplicated events different results`);
  }
});

/**
 * Patterns that leave their cluster exactly at the λ where it splits: their mutual-reachability edges
 * to both sides tie with the split. We treat the tied merges as one level (they fall out as noise);
 * Python's binary dendrogram glues each to one side in whatever order its sort left the tied edges —
 * permuting wine's rows moves Python's point 134 between clusters (ARI 0.9875 against itself).
 */
function tieBridgePatterns(result: HdbscanResult): Set<number> {
  const { parent, child, lambda, nPoints } = result.condensedTree;
  const splitLevels = new Set<string>();
  for (let r = 0; r < parent.length; r++) if (child[r] >= nPoints) splitLevels.add(`${parent[r]}@${lambda[r]}`);
  const bridges = new Set<number>();
  for (let r = 0; r < parent.length; r++) if (child[r] < nPoints && splitLevels.has(`${parent[r]}@${lambda[r]}`)) bridges.add(child[r]);
  return bridges;
}

/** Patterns whose label differs from Python's once clusters are matched (each of ours to Python's majority label). */
function disagreements(labels: Int32Array, expected: number[]): number[] {
  const votes = new Map<number, Map<number, number>>();
  labels.forEach((l, i) => {
    const v = votes.get(l) ?? new Map<number, number>();
    v.set(expected[i], (v.get(expected[i]) ?? 0) + 1);
    votes.set(l, v);
  });
  const match = new Map<number, number>();
  for (const [l, v] of votes) match.set(l, l < 0 ? -1 : [...v].sort((a, b) => b[1] - a[1])[0][0]);
  return [...labels.keys()].filter((i) => match.get(labels[i]) !== expected[i]);
}

for (const fixture of fixtures) {
  const n = fixture.vectors.length;

  test(`${fixture.name}: exact graph (k = n − 1) reproduces Python hdbscan except tie-bridge patterns`, (t) => {
    const result = run(fixture, n - 1);
    const bridges = tieBridgePatterns(result);
    const differ = disagreements(result.labels, fixture.labels);
    t.diagnostic(
      `ARI ${adjustedRandIndex(result.labels, fixture.labels).toFixed(4)}; ${differ.length} of ${n} labels differ: [${differ}]; tie bridges [${[...bridges]}]`,
    );
    for (const i of differ) {
      assert.ok(bridges.has(i), `pattern ${i} differs (ours ${result.labels[i]}, Python ${fixture.labels[i]}) and is not a tie bridge`);
      assert.equal(result.labels[i], -1);
    }
    assert.ok(differ.length <= 1, `${differ.length} differences`);
    const agreed = Int32Array.from(fixture.labels.map((l, i) => (differ.includes(i) ? -1 : l)));
    assert.ok(samePartition(result.labels, agreed));
    for (let i = 0; i < n; i++) {
      if (bridges.has(i)) continue;
      assert.ok(
        Math.abs(result.probabilities[i] - fixture.probabilities[i]) < 1e-4,
        `probability of ${i}: ${result.probabilities[i]} vs ${fixture.probabilities[i]}`,
      );
      // Python's NaN (∞/∞) is stored as null; we return its limit, 1.
      const expected = fixture.outlierScores[i] ?? 1;
      assert.ok(Math.abs(result.outlierScores[i] - expected) < 1e-4, `outlier score of ${i}: ${result.outlierScores[i]} vs ${expected}`);
    }
  });

  test(`${fixture.name}: kNN-restricted MST agrees with Python (ARI at k = 15, 20, 30)`, (t) => {
    const scores = [15, 20, 30].map((k) => adjustedRandIndex(run(fixture, k).labels, fixture.labels));
    t.diagnostic(`ARI k=15: ${scores[0].toFixed(4)}, k=20: ${scores[1].toFixed(4)}, k=30: ${scores[2].toFixed(4)}`);
    for (const ari of scores) assert.ok(ari >= 0.9, `ARI ${ari}`);
  });
}

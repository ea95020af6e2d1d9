import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../patterns/reservoir.js';
import { VectorIndex } from './vector-index.js';

const DIM = 32;

function randomUnitVectors(n: number, seed: number): Float32Array[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, () => {
    const v = new Float32Array(DIM).map(() => rng.next() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function exactNearest(vectors: Float32Array[], q: Float32Array): number {
  let best = -1;
  let bestDot = -Infinity;
  vectors.forEach((v, i) => {
    let dot = 0;
    for (let j = 0; j < DIM; j++) dot += v[j] * q[j];
    if (dot > bestDot) {
      bestDot = dot;
      best = i;
    }
  });
  return best;
}

test('finds the exact vector first, at distance 0, and agrees with brute force', () => {
  const vectors = randomUnitVectors(2_000, 7);
  const index = VectorIndex.create(DIM);
  index.add(
    vectors.map((_, i) => i + 1),
    vectors,
  );
  assert.equal(index.size, 2_000);
  const [hit] = index.search(vectors[123], 1);
  assert.equal(hit.key, 124);
  assert.ok(hit.distance < 1e-5, `distance ${hit.distance}`);
  const queries = randomUnitVectors(200, 99);
  const agree = queries.filter((q) => index.search(q, 1)[0].key === exactNearest(vectors, q) + 1).length;
  assert.ok(agree >= 190, `HNSW recall@1 ${agree}/200`);
});

test('cosine distance: orthogonal is 1, opposite is 2', () => {
  const index = VectorIndex.create(2);
  index.add([1], [new Float32Array([1, 0])]);
  assert.ok(Math.abs(index.search(new Float32Array([0, 1]), 1)[0].distance - 1) < 1e-6);
  assert.ok(Math.abs(index.search(new Float32Array([-1, 0]), 1)[0].distance - 2) < 1e-6);
});

test('adding more keeps earlier entries, skips known keys, and saved indexes reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-index-'));
  const vectors = randomUnitVectors(300, 3);
  const index = VectorIndex.create(DIM);
  index.add([1, 2, 3], vectors.slice(0, 3));
  index.add([3, 4], [vectors[2], vectors[3]]);
  assert.equal(index.size, 4);
  const path = join(dir, 'p.usearch');
  index.save(path);
  const loaded = VectorIndex.load(path, DIM);
  assert.equal(loaded.size, 4);
  loaded.add(
    vectors.slice(4).map((_, i) => i + 5),
    vectors.slice(4),
  );
  assert.equal(loaded.size, 300);
  assert.equal(loaded.search(vectors[1], 1)[0].key, 2);
  assert.equal(loaded.search(vectors[250], 1)[0].key, 251);
  assert.throws(() => VectorIndex.load(path, DIM + 1), /dimensions/);
});

test('rejects vectors of the wrong length and empty searches are empty', () => {
  const index = VectorIndex.create(DIM);
  assert.deepEqual(index.search(new Float32Array(DIM), 3), []);
  assert.throws(() => index.add([1], [new Float32Array(DIM - 1)]), /expected 32/);
});

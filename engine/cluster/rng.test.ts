import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom, randomInt, randomNormal } from './rng.js';

test('same seed, same sequence; different seed, different sequence', () => {
  const a = createRandom(7);
  const b = createRandom(7);
  const c = createRandom(8);
  const first = Array.from({ length: 5 }, () => a());
  assert.deepEqual(
    first,
    Array.from({ length: 5 }, () => b()),
  );
  assert.notDeepEqual(
    first,
    Array.from({ length: 5 }, () => c()),
  );
});

test('uniform in [0, 1), integers in [0, n), normals with mean 0 and variance 1', () => {
  const random = createRandom(1);
  let sum = 0;
  const counts = new Array(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const u = random();
    assert.ok(u >= 0 && u < 1);
    sum += u;
    counts[randomInt(random, 10)]++;
  }
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01);
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 500);
  let mean = 0;
  let square = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = randomNormal(random);
    mean += x / 100_000;
    square += (x * x) / 100_000;
  }
  assert.ok(Math.abs(mean) < 0.02 && Math.abs(square - 1) < 0.03, `${mean} ${square}`);
});

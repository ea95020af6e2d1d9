import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogEvent } from '../events/event.js';
import { DEFAULT_CANONICAL_OPTIONS } from '../canonical/types.js';
import { EMBEDDING_TEXT_VERSION } from '../canonical/embedding-text.js';
import { SeededRandom } from '../patterns/reservoir.js';
import { Baseline, INDEX_FILE, type BaselineConfig } from './baseline.js';
import { MERGING_PATTERN_OPTIONS } from './store-fixtures.js';

const DIM = 8;
const CONFIG: BaselineConfig = {
  model: 'test-model',
  dtype: 'q8',
  dim: DIM,
  maxTokens: 128,
  textVersion: EMBEDDING_TEXT_VERSION,
  canonical: DEFAULT_CANONICAL_OPTIONS,
};

function tempDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'logatlas-store-')), 'baseline');
}

function event(raw: string, seq: number): LogEvent {
  return { raw, text: raw, labels: { host: 'h1' }, metadata: {}, seq, origin: 'mem', timestampNs: 1_700_000_000_123_456_789n + BigInt(seq) };
}

function unit(seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const v = new Float32Array(DIM).map(() => rng.next() - 0.5);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function addPatterns(b: Baseline, names: string[]): void {
  names.forEach((name, i) => b.patterns.add(event(`${name} raw`, i + 1), { canonical: name, entities: [{ kind: 'ip', value: `10.0.0.${i}` }] }));
}

test('patterns, counts, examples, entities and vectors survive close and reopen', () => {
  const dir = tempDir();
  const b = Baseline.open(dir, { create: true });
  b.ensureConfig(CONFIG);
  addPatterns(b, ['alpha', 'beta', 'alpha']);
  b.addVectors(b.patternsWithoutVectors().map((p) => ({ ...p, vector: unit(p.key) })));
  b.save();
  b.close();

  const again = Baseline.open(dir);
  assert.deepEqual(again.config, CONFIG);
  const alpha = again.patterns.get('alpha')!;
  assert.equal(alpha.count, 2);
  assert.equal(alpha.examples.length, 2);
  assert.equal(alpha.examples[0].timestampNs, 1_700_000_000_123_456_790n);
  assert.deepEqual(alpha.examples[0].labels, { host: 'h1' });
  assert.deepEqual(alpha.entities, { ip: { '10.0.0.0': 1, '10.0.0.2': 1 } });
  assert.equal(alpha.lastSeenNs, 1_700_000_000_123_456_792n);
  assert.equal(again.vectorIndex().size, 2);
  assert.deepEqual(again.patternsWithoutVectors(), []);
  const [hit] = again.vectorIndex().search(unit(alpha.key), 1);
  assert.equal(hit.key, alpha.key);
  again.close();
});

test('an index file that lags the database (crash between writes) is repaired from cached vectors', () => {
  const dir = tempDir();
  const b = Baseline.open(dir, { create: true });
  b.ensureConfig(CONFIG);
  addPatterns(b, ['one', 'two', 'three']);
  b.addVectors(b.patternsWithoutVectors().map((p) => ({ ...p, vector: unit(p.key) })));
  b.save();
  b.close();
  rmSync(join(dir, INDEX_FILE));

  const again = Baseline.open(dir);
  assert.equal(again.vectorIndex().size, 3);
  assert.deepEqual(again.patternsWithoutVectors(), []);
  again.save();
  assert.ok(existsSync(join(dir, INDEX_FILE)));
  again.close();
});

test('patterns saved before their vectors are reported as still to embed', () => {
  const dir = tempDir();
  const b = Baseline.open(dir, { create: true });
  b.ensureConfig(CONFIG);
  addPatterns(b, ['x', 'y']);
  b.save();
  b.close();
  const again = Baseline.open(dir);
  assert.deepEqual(
    again
      .patternsWithoutVectors()
      .map((p) => p.canonical)
      .sort(),
    ['x', 'y'],
  );
  again.close();
});

test('opening a folder without a baseline says how to make one; a non-empty folder is not taken over', () => {
  const dir = tempDir();
  assert.throws(
    () => Baseline.open(dir),
    (err: Error) => err.name === 'StoreError' && /logatlas index --store/.test(err.message),
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  assert.throws(() => Baseline.open(dir, { create: true }), /not empty/);
});

test('a baseline cannot be extended with another model or dtype', () => {
  const dir = tempDir();
  const b = Baseline.open(dir, { create: true });
  b.ensureConfig(CONFIG);
  assert.throws(() => b.ensureConfig({ ...CONFIG, dtype: 'fp32' }), /built with test-model \(q8\)/);
  b.close();
});

test('a refined template is embedded again; a merged one leaves the index and resolves after reopening', () => {
  const dir = tempDir();
  const b = Baseline.open(dir, { create: true, patternOptions: MERGING_PATTERN_OPTIONS });
  b.ensureConfig(CONFIG);
  addPatterns(b, ['job blk_<NUM> done', 'worker alpha ready', 'worker beta ready']);
  b.addVectors(b.patternsWithoutVectors().map((p) => ({ ...p, vector: unit(p.key) })));
  b.save();
  assert.deepEqual(b.patternsWithoutVectors(), []);
  const job = b.patterns.get('job blk_<NUM> done')!;
  const beta = b.patterns.get('worker beta ready')!;
  // A new spelling refines the job template (its vector is stale); a third worker merges beta into alpha.
  addPatterns(b, ['job <HEX> done', 'worker gamma ready']);
  const pending = b.patternsWithoutVectors();
  const alphaKey = b.patterns.get('worker alpha ready')!.key;
  assert.deepEqual(
    pending.map((p) => [p.key, p.canonical]),
    [
      [job.key, 'job <*> done'],
      [alphaKey, 'worker <*> ready'],
    ],
  );
  assert.equal(b.vectorIndex().has(beta.key), false);
  b.addVectors(pending.map((p) => ({ ...p, vector: unit(p.key + 100) })));
  b.save();
  b.close();

  const again = Baseline.open(dir, { patternOptions: MERGING_PATTERN_OPTIONS });
  assert.deepEqual(again.patternsWithoutVectors(), []);
  assert.equal(again.patterns.get('job tmp_<NUM> done')!.key, job.key);
  const alpha = again.patterns.getById(beta.id)!;
  assert.equal(alpha.canonical, 'worker <*> ready');
  assert.equal(alpha.count, 3);
  assert.equal(again.vectorIndex().size, 2);
  again.close();
});

test('vectors of another embedding never meet: an older text version or token cap is refused with what to do', () => {
  const dir = tempDir();
  const b = Baseline.open(dir, { create: true });
  b.ensureConfig(CONFIG);
  assert.throws(() => b.ensureConfig({ ...CONFIG, maxTokens: 256 }), /earlier embedding .*128 tokens.*build it again into a new folder/);
  b.close();
  // A store written before the embedding text had versions (version 1, 256 tokens).
  const old = tempDir();
  const o = Baseline.open(old, { create: true });
  const { maxTokens: _m, textVersion: _t, ...before } = CONFIG;
  o.ensureConfig(before);
  assert.throws(() => o.requireConfig(), /embedding text version 1; this Log Atlas embeds version \d+: build it again/);
  assert.throws(() => o.vectorIndex(), /embedding text version 1/);
  o.close();
});

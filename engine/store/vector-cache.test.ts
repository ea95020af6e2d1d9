import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.js';
import { SqliteVectorCache } from './vector-cache.js';

test('vectors are keyed by model, dtype and text, and come back bit for bit', () => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'logatlas-cache-')), 'a.db'));
  const cache = new SqliteVectorCache(db);
  const v = new Float32Array([0.1, -0.25, 1 / 3]);
  cache.putMany('m', 'q8', [['hello <IP>', v]]);
  const hit = cache.getMany('m', 'q8', ['hello <IP>', 'other']);
  assert.deepEqual([...hit.keys()], ['hello <IP>']);
  assert.deepEqual(hit.get('hello <IP>'), v);
  assert.equal(cache.getMany('m', 'fp32', ['hello <IP>']).size, 0);
  assert.equal(cache.getMany('other-model', 'q8', ['hello <IP>']).size, 0);
  db.close();
});

test('a schema newer than the code is refused with a clear message', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'logatlas-cache-')), 'a.db');
  const db = openDatabase(path);
  db.pragma('user_version = 999');
  db.close();
  assert.throws(() => openDatabase(path), /newer than this Log Atlas understands/);
});

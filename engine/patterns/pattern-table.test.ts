import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent } from '../events/event.js';
import { PatternTable } from './pattern-table.js';
import { patternId } from './pattern-id.js';

function event(raw: string, seq: number, tsSec?: number): LogEvent {
  return {
    raw,
    text: raw,
    labels: { job: 'test' },
    metadata: {},
    seq,
    origin: 'mem',
    timestampNs: tsSec === undefined ? undefined : BigInt(tsSec) * 1_000_000_000n,
  };
}

test('counts events under their canonical form and tracks first and last seen', () => {
  const table = new PatternTable();
  const a1 = table.add(event('login from 1.1.1.1', 1, 100), { canonical: 'login from <IP>', entities: [{ kind: 'ip', value: '1.1.1.1' }] });
  const a2 = table.add(event('login from 2.2.2.2', 2, 50), { canonical: 'login from <IP>', entities: [{ kind: 'ip', value: '2.2.2.2' }] });
  const b = table.add(event('disk full', 3, 200), { canonical: 'disk full', entities: [] });
  assert.equal(a1.isNew, true);
  assert.equal(a2.isNew, false);
  assert.equal(b.isNew, true);
  assert.equal(table.size, 2);
  const p = table.get('login from <IP>')!;
  assert.equal(p.count, 2);
  assert.equal(p.firstSeenNs, 50_000_000_000n);
  assert.equal(p.lastSeenNs, 100_000_000_000n);
  assert.deepEqual(p.entities, { ip: { '1.1.1.1': 1, '2.2.2.2': 1 } });
  assert.equal(p.id, patternId('login from <IP>'));
  assert.notEqual(p.key, table.get('disk full')!.key);
  assert.equal(table.getByKey(p.key), p);
  assert.equal(table.getById(p.id), p);
});

test('missing event time falls back to the time of counting', () => {
  const table = new PatternTable();
  table.add(event('x', 1), { canonical: 'x', entities: [] }, 42n);
  assert.equal(table.get('x')!.firstSeenNs, 42n);
});

test('keeps a bounded, uniform reservoir of examples', () => {
  const table = new PatternTable({ examplesPerPattern: 5 });
  const n = 20_000;
  for (let i = 1; i <= n; i++) table.add(event(`req ${i}`, i), { canonical: 'req <NUM>', entities: [] });
  const p = table.get('req <NUM>')!;
  assert.equal(p.examples.length, 5);
  assert.equal(new Set(p.examples.map((e) => e.raw)).size, 5);
  // A uniform sample of 20,000 lines almost never keeps only the first few hundred.
  assert.ok(p.examples.some((e) => e.seq > 1_000), `examples all early: ${p.examples.map((e) => e.seq)}`);
  assert.deepEqual(p.examples[0].labels, { job: 'test' });
});

test('bounds distinct entity values per kind and counts the rest', () => {
  const table = new PatternTable({ entityValuesPerKind: 3 });
  for (let i = 0; i < 10; i++) {
    table.add(event(`u${i}`, i + 1), { canonical: 'user <USER>', entities: [{ kind: 'user', value: `u${i % 5}` }] });
  }
  const p = table.get('user <USER>')!;
  assert.deepEqual(p.entities.user, { u0: 2, u1: 2, u2: 2 });
  assert.equal(p.entitiesOther.user, 4);
});

test('takeDirty returns changed patterns once', () => {
  const table = new PatternTable();
  table.add(event('a', 1), { canonical: 'a', entities: [] });
  table.add(event('a', 2), { canonical: 'a', entities: [] });
  table.add(event('b', 3), { canonical: 'b', entities: [] });
  assert.deepEqual(table.takeDirty().map((p) => p.canonical).sort(), ['a', 'b']);
  assert.deepEqual(table.takeDirty(), []);
  table.add(event('b', 4), { canonical: 'b', entities: [] });
  assert.deepEqual(table.takeDirty().map((p) => p.canonical), ['b']);
});

test('reloaded patterns keep their keys and new ones get fresh keys', () => {
  const first = new PatternTable();
  first.add(event('a', 1), { canonical: 'a', entities: [] });
  first.add(event('b', 2), { canonical: 'b', entities: [] });
  const again = new PatternTable({}, first.all());
  const { pattern } = again.add(event('c', 3), { canonical: 'c', entities: [] });
  assert.equal(again.get('a')!.key, first.get('a')!.key);
  assert.ok(pattern.key > Math.max(first.get('a')!.key, first.get('b')!.key));
});

test('entity counts read as plain objects: spread, JSON and a reloaded table see the same counts', () => {
  const table = new PatternTable();
  table.add(event('a 1', 1), { canonical: 'a <NUM>', entities: [{ kind: 'user', value: 'root' }] });
  table.add(event('a 2', 2), { canonical: 'a <NUM>', entities: [{ kind: 'user', value: 'root' }, { kind: 'ip', value: '1.2.3.4' }] });
  const p = table.get('a <NUM>')!;
  assert.deepEqual({ ...p }.entities, { user: { root: 2 }, ip: { '1.2.3.4': 1 } });
  assert.deepEqual(JSON.parse(JSON.stringify(p, (_k, v) => (typeof v === "bigint" ? String(v) : v))).entities, { user: { root: 2 }, ip: { '1.2.3.4': 1 } });
  const copy = { ...p, entities: JSON.parse(JSON.stringify(p.entities)) };
  const again = new PatternTable({}, [copy]);
  again.add(event('a 3', 3), { canonical: 'a <NUM>', entities: [{ kind: 'user', value: 'root' }] });
  assert.deepEqual(again.get('a <NUM>')!.entities, { user: { root: 3 }, ip: { '1.2.3.4': 1 } });
});

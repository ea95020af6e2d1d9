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
  assert.ok(
    p.examples.some((e) => e.seq > 1_000),
    `examples all early: ${p.examples.map((e) => e.seq)}`,
  );
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
  assert.deepEqual(
    table
      .takeDirty()
      .map((p) => p.canonical)
      .sort(),
    ['a', 'b'],
  );
  assert.deepEqual(table.takeDirty(), []);
  table.add(event('b', 4), { canonical: 'b', entities: [] });
  assert.deepEqual(
    table.takeDirty().map((p) => p.canonical),
    ['b'],
  );
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
  table.add(event('a 2', 2), {
    canonical: 'a <NUM>',
    entities: [
      { kind: 'user', value: 'root' },
      { kind: 'ip', value: '1.2.3.4' },
    ],
  });
  const p = table.get('a <NUM>')!;
  assert.deepEqual({ ...p }.entities, { user: { root: 2 }, ip: { '1.2.3.4': 1 } });
  assert.deepEqual(JSON.parse(JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).entities, { user: { root: 2 }, ip: { '1.2.3.4': 1 } });
  const copy = { ...p, entities: JSON.parse(JSON.stringify(p.entities)) };
  const again = new PatternTable({}, [copy]);
  again.add(event('a 3', 3), { canonical: 'a <NUM>', entities: [{ kind: 'user', value: 'root' }] });
  assert.deepEqual(again.get('a <NUM>')!.entities, { user: { root: 3 }, ip: { '1.2.3.4': 1 } });
});

test('lines that only fill a template differently count under it; the template text is refined, id and key stay', () => {
  const table = new PatternTable();
  const a = table.add(event('job 1 done', 1), { canonical: 'job blk_<NUM> done', entities: [] });
  const b = table.add(event('job 2 done', 2), { canonical: 'job <HEX> done', entities: [] });
  assert.equal(a.isNew, true);
  assert.equal(b.isNew, false);
  assert.equal(b.pattern, a.pattern);
  assert.equal(a.pattern.canonical, 'job <*> done');
  assert.equal(a.pattern.id, patternId('job blk_<NUM> done'));
  assert.equal(a.pattern.count, 2);
  assert.deepEqual(table.takeRefined(), [a.pattern]);
  assert.deepEqual(table.takeRefined(), []);
  assert.equal(table.get('job tmp_<NUM> done'), a.pattern, 'a new spelling is known');
  assert.equal(table.get('job failed'), undefined);
});

test('a merge moves counts, examples and entities; the merged id and key resolve to the template joined', () => {
  const table = new PatternTable({ miner: { evidenceValues: 3 } });
  const first = table.add(event('worker alpha ready', 1, 10), { canonical: 'worker alpha ready', entities: [{ kind: 'host', value: 'h1' }] }).pattern;
  const second = table.add(event('worker beta ready', 2, 5), { canonical: 'worker beta ready', entities: [{ kind: 'host', value: 'h2' }] }).pattern;
  table.add(event('worker beta ready', 3, 20), { canonical: 'worker beta ready', entities: [{ kind: 'host', value: 'h2' }] });
  assert.notEqual(first, second);
  const third = table.add(event('worker gamma ready', 4, 30), { canonical: 'worker gamma ready', entities: [] });
  assert.equal(third.isNew, false);
  assert.equal(third.pattern, first);
  assert.equal(first.canonical, 'worker <*> ready');
  assert.equal(first.count, 4);
  assert.equal(first.firstSeenNs, 5_000_000_000n);
  assert.equal(first.lastSeenNs, 30_000_000_000n);
  // The word that filled the new parameter is an entity from then on (earlier lines counted before it was one).
  assert.deepEqual(first.entities, { host: { h1: 1, h2: 2 }, param: { gamma: 1 } });
  assert.equal(first.examples.length, 4);
  assert.equal(table.size, 1);
  assert.equal(table.getById(second.id), first);
  assert.equal(table.getByKey(second.key), first);
  assert.equal(table.resolveKey(second.key), first.key);
  const merges = table.takeMerges();
  assert.deepEqual(
    merges.map((m) => [m.from.key, m.into.key]),
    [[second.key, first.key]],
  );
  // Counting the merged form again goes to the template it joined.
  assert.equal(table.add(event('worker beta ready', 5), { canonical: 'worker beta ready', entities: [] }).pattern, first);
});

test('reloaded with template states and aliases, a table goes on where it stopped', () => {
  const table = new PatternTable({ miner: { evidenceValues: 3 } });
  for (const w of ['alpha', 'beta', 'gamma']) table.add(event(`worker ${w} ready`, 1), { canonical: `worker ${w} ready`, entities: [] });
  const merges = table.takeMerges();
  const saved = table.takeDirty();
  assert.ok(saved.every((p) => p.template !== undefined));
  const again = new PatternTable(
    { miner: { evidenceValues: 3 } },
    saved,
    merges.map((m) => ({ id: m.from.id, key: m.from.key, intoKey: m.into.key })),
  );
  const live = [...again.all()];
  assert.equal(live.length, 1);
  assert.equal(again.getById(merges[0].from.id), live[0]);
  assert.equal(again.add(event('worker delta ready', 9), { canonical: 'worker delta ready', entities: [] }).pattern, live[0]);
});

test('a template keeps one line per user (the first of each, a bounded few) beside its uniform examples', () => {
  const table = new PatternTable({ examplesPerPattern: 2, exemplarsPerPattern: 3 });
  const users = ['root', 'admin', 'root', 'test', 'oracle', 'guest'];
  users.forEach((u, i) =>
    table.add(event(`Failed password for ${u} from 10.0.0.${i}`, i + 1), {
      canonical: `Failed password for ${u} from <IP>`,
      entities: [{ kind: 'user', value: u }],
    }),
  );
  const p = table.get('Failed password for root from <IP>')!;
  assert.equal(p.canonical, 'Failed password for <*> from <IP>');
  assert.equal(p.count, 6);
  assert.deepEqual(
    p.exemplars!.map((e) => [e.user, e.seq]),
    [
      ['root', 1],
      ['admin', 2],
      ['test', 4],
    ],
  );
});

test('words filling a record field parameter count as entities named by the key', () => {
  const table = new PatternTable({ miner: { fieldValues: 3 } });
  const apps = ['Slack', 'Zoom', 'Jira', 'Slack', 'Figma'];
  let p;
  apps.forEach((app, i) => {
    p = table.add(event(`app ${app}`, i + 1), { canonical: `[fw] action=allow app_name=${app} proto=tcp`, entities: [] }).pattern;
  });
  assert.equal(p!.canonical, '[fw] action=allow app_name=<*> proto=tcp');
  // From the line that opened the field on (the third app), each app is counted.
  assert.deepEqual(p!.entities.app_name, { Jira: 1, Slack: 1, Figma: 1 });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OVERFLOW_TEXT, TemplateMiner, type Observation } from './template-miner.js';

function observeAll(miner: TemplateMiner, lines: string[], kept?: Set<string>): Observation[] {
  return lines.map((l) => miner.observe(l, kept));
}

test('lines that differ only in values are one template, refined in place under a stable key', () => {
  const m = new TemplateMiner();
  const [a, b, c] = observeAll(m, [
    'Received block blk_<NUM> of size <NUM> from <IP>',
    'Received block blk_<NUM> of size <NUM> from <IP>:<PORT>',
    'Received block <HEX> of size <NUM> from <IP>',
  ]);
  assert.equal(a.created, true);
  assert.equal(b.created, false);
  assert.equal(c.created, false);
  assert.equal(b.key, a.key);
  assert.equal(c.key, a.key);
  assert.equal(m.size, 1);
  assert.equal(m.get(a.key)!.text, 'Received block <*> of size <NUM> from <*>');
  assert.deepEqual(b.refined, [a.key]);
  // A value mixed with other words is wording: a program name before its pid, an interface name.
  const su = m.observe('<TS> <HOST> su(pam_unix)[<NUM>]: session opened for user <*>').key;
  assert.notEqual(m.observe('<TS> <HOST> sshd(pam_unix)[<NUM>]: session opened for user <*>').key, su);
  assert.equal(m.observe('<TS> <HOST> su(pam_unix)[<NUM>]: session opened for user <*> <NUM>').key, su);
});

test('a security reader keeps apart what differs by a word: outcome, HTTP status class, log level', () => {
  const m = new TemplateMiner({ evidenceValues: 3 });
  const accepted = m.observe('<TS> <HOST> sshd[<NUM>]: Accepted password for <USER> from <IP> port <PORT> ssh2').key;
  const failed = m.observe('<TS> <HOST> sshd[<NUM>]: Failed password for <USER> from <IP> port <PORT> ssh2').key;
  assert.notEqual(accepted, failed);
  const ok = m.observe('<IP> - - "GET <PATH> HTTP/1.1" 2xx <NUM>').key;
  const err = m.observe('<IP> - - "GET <PATH> HTTP/1.1" 5xx <NUM>').key;
  assert.notEqual(ok, err);
  // Levels never become a parameter, however many a position shows (evidence would open it at 3).
  const levels = ['INFO', 'WARN', 'ERROR', 'DEBUG', 'TRACE', 'FATAL'].map((l) => m.observe(`<TS> ${l} [main] cache flushed to disk`).key);
  assert.equal(new Set(levels).size, levels.length);
  assert.ok(!m.get(levels[0])!.text.includes('<*>'));
});

test('a position becomes a parameter only after it has shown enough distinct words, then its near-twins merge', () => {
  const m = new TemplateMiner({ evidenceValues: 4 });
  const first = m.observe('service cupsd started on node alpha').key;
  const second = m.observe('service syslogd started on node alpha').key;
  const third = m.observe('service klogd started on node alpha').key;
  assert.equal(new Set([first, second, third]).size, 3, 'three words are not yet evidence');
  const fourth = m.observe('service portmap started on node alpha');
  // The fourth word opens the position: the fourth line and the near-twins all count as the first.
  assert.equal(fourth.key, first);
  assert.equal(fourth.created, false);
  assert.deepEqual(fourth.merges.map((x) => x.from).sort(), [second, third].sort());
  assert.equal(m.resolve(second), first);
  assert.equal(m.resolve(third), first);
  assert.equal(m.get(first)!.text, 'service <*> started on node alpha');
  assert.equal(m.size, 1);
  assert.equal(m.observe('service named started on node alpha').key, first);
});

test('rare words at one position open it early (each in few lines); frequent ones, or lines differing at several words, do not', () => {
  const lines = new Map<number, number>();
  const m = new TemplateMiner({ evidenceValues: 32, rareValues: 4, rareLines: 2 });
  m.linesOf = (key) => lines.get(key) ?? 0;
  const see = (line: string) => {
    const o = m.observe(line);
    lines.set(o.key, (lines.get(o.key) ?? 0) + 1);
    return o;
  };
  // Invalid user names: each seen once, the fourth distinct one opens the position.
  const keys = ['admin', 'oracle', 'guest'].map((u) => see(`Invalid user ${u} from <IP>`).key);
  assert.equal(new Set(keys).size, 3);
  const fourth = see('Invalid user postgres from <IP>');
  assert.equal(fourth.key, keys[0]);
  assert.equal(m.get(keys[0])!.text, 'Invalid user <*> from <IP>');
  assert.ok(keys.every((k) => m.resolve(k) === keys[0]));

  // Component names that each carry many lines stay part of the template.
  const components = ['Step_LSC', 'Step_SPUtils', 'Step_ExtSDM', 'Step_StandReportReceiver', 'Step_StandStepCounter'];
  const comp = components.map((c) => {
    const k = see(`<TS>|${c}|<NUM>|onStandStepChanged <NUM>`).key;
    for (let i = 0; i < 5; i++) see(`<TS>|${c}|<NUM>|onStandStepChanged <NUM>`);
    return k;
  });
  assert.equal(new Set(comp.map((k) => m.resolve(k))).size, components.length);

  // Lines that differ at two words are not evidence that either word is a value.
  const msgs = ['cache flushed ok', 'queue drained early', 'socket closed cleanly', 'worker restarted twice', 'lease renewed late'];
  const info = msgs.map((x) => see(`<TS> INFO ${x}`).key);
  assert.equal(new Set(info.map((k) => m.resolve(k))).size, msgs.length);
});

test('a miner without an owner counting lines treats no word as rare', () => {
  const m = new TemplateMiner({ evidenceValues: 32, rareValues: 2, rareLines: 100 });
  const keys = ['a1x', 'b2y', 'c3z', 'dd', 'ee', 'ff'].map((u) => m.observe(`Invalid user ${u.replace(/\d/g, '')} from <IP>`).key);
  assert.equal(new Set(keys.map((k) => m.resolve(k))).size, 6);
});

test('rare-word evidence survives a restart: the reloaded miner weighs the words it saw before', () => {
  const opts = { evidenceValues: 32, rareValues: 4, rareLines: 2 };
  const reloaded = (linesEach: number) => {
    const lines = new Map<number, number>();
    const a = new TemplateMiner(opts);
    a.linesOf = (key) => lines.get(key) ?? 0;
    const keys = ['admin', 'oracle', 'guest'].map((u) => a.observe(`Invalid user ${u} from <IP>`).key);
    for (const k of keys) lines.set(k, linesEach);
    const b = new TemplateMiner(
      opts,
      keys.map((k) => a.exportState(k)),
    );
    b.linesOf = (key) => lines.get(key) ?? 0;
    return { keys, b, fourth: b.observe('Invalid user postgres from <IP>') };
  };
  const rare = reloaded(1);
  assert.equal(rare.fourth.key, rare.keys[0]);
  assert.equal(rare.b.get(rare.keys[0])!.text, 'Invalid user <*> from <IP>');
  // Names seen five times each before the restart are not rare after it either.
  const frequent = reloaded(5);
  assert.ok(!frequent.keys.includes(frequent.fourth.key));
  assert.equal(frequent.b.size, 4);
});

test('words that repeat at a position stay part of the template while it shows few of them', () => {
  const m = new TemplateMiner({ evidenceValues: 4 });
  for (let i = 0; i < 20; i++) {
    m.observe(`Transitioned from NEW to ${['RUNNING', 'KILLED'][i % 2]} after <NUM> ms attempt_${i}`);
  }
  assert.equal(m.size, 2);
});

test('an optional value joins the template as an optional run; an optional word does not', () => {
  const m = new TemplateMiner();
  const a = m.observe('chrome.exe - <HOST>:<PORT> open through proxy <HOST>:<PORT> HTTPS').key;
  const b = m.observe('chrome.exe *<NUM> - <HOST>:<PORT> open through proxy <HOST>:<PORT> HTTPS').key;
  assert.equal(b, a);
  assert.equal(m.get(a)!.text, 'chrome.exe <*> - <HOST>:<PORT> open through proxy <HOST>:<PORT> HTTPS');
  // The run is optional: the line without it still fits, and so does one with two values there.
  assert.equal(m.find('chrome.exe - <HOST>:<PORT> open through proxy <HOST>:<PORT> HTTPS'), a);
  assert.equal(m.find('chrome.exe *<NUM> <NUM> - <HOST>:<PORT> open through proxy <HOST>:<PORT> HTTPS'), a);
  const c = m.observe('chrome.exe - <HOST>:<PORT> open through proxy <HOST>:<PORT> HTTPS [preauth]').key;
  assert.notEqual(c, a);
});

test('user names the canonicalizer kept in the text are parameters', () => {
  const m = new TemplateMiner();
  const a = m.observe('session opened for user alice by (uid=<NUM>)', new Set(['alice'])).key;
  const b = m.observe('session opened for user bob by (uid=<NUM>)', new Set(['bob'])).key;
  assert.equal(b, a);
  assert.equal(m.get(a)!.text, 'session opened for user <*> by (uid=<NUM>)');
  // Without the entity, `bob` is a word like any other and stays apart.
  const plain = new TemplateMiner();
  assert.notEqual(plain.observe('session opened for user alice by (uid=<NUM>)').key, plain.observe('session opened for user bob by (uid=<NUM>)').key);
});

test('records are templated by their keys and their low-cardinality values', () => {
  const m = new TemplateMiner({ fieldValues: 4 });
  const regions = ['United States', 'Canada', 'Germany', 'Brazil', 'Japan', 'India'];
  const keys = new Set<number>();
  for (let i = 0; i < 30; i++) {
    const action = i % 2 === 0 ? 'deny' : 'allow';
    const region = regions[Math.floor(i / 2) % regions.length];
    keys.add(m.observe(`[fw] action=${action} app=App${String.fromCharCode(65 + (i % 26))}x region=${region} proto=tcp bytes=<NUM>`).key);
  }
  const live = [...m.all()].map((t) => t.text).sort();
  // `app` and `region` vary widely: parameters. `action` is an outcome (guarded), `proto` never varied.
  assert.deepEqual(live, ['[fw] action=allow app=<*> region=<*> proto=tcp bytes=<NUM>', '[fw] action=deny app=<*> region=<*> proto=tcp bytes=<NUM>']);
  // Another set of keys is another template.
  const other = m.observe('[fw] action=allow app=AppAx region=Canada proto=tcp bytes=<NUM> rule=<NUM>');
  assert.equal(other.created, true);
  assert.ok(keys.size >= 2);
});

test('find learns nothing; observe of a form seen before is the fast path', () => {
  const m = new TemplateMiner();
  const a = m.observe('disk <PATH> is <NUM>% full').key;
  assert.equal(m.find('disk <PATH> is <NUM>% full'), a);
  assert.equal(m.find('disk /var/log is full now'), undefined);
  assert.equal(m.find('disk <PATH> is 95% full'), a);
  assert.equal(m.size, 1);
  assert.equal(m.get(a)!.text, 'disk <PATH> is <NUM>% full', 'find does not refine');
  assert.equal(m.lookup('disk <PATH> is <NUM>% full'), a);
  assert.equal(m.lookup('disk <PATH> is 95% full'), undefined);
});

test('a restored miner goes on where it stopped: same keys, evidence kept', () => {
  const m = new TemplateMiner({ evidenceValues: 3 });
  const a = m.observe('job alpha finished in <NUM> s').key;
  const b = m.observe('job beta finished in <NUM> s').key;
  const again = new TemplateMiner(
    { evidenceValues: 3 },
    [...m.all()].map((t) => m.exportState(t.key)),
  );
  assert.equal(again.find('job alpha finished in <NUM> s'), a);
  // The third word is the evidence that opens the position (two were seen before the restart).
  const c = again.observe('job gamma finished in <NUM> s');
  assert.equal(c.key, a);
  assert.equal(again.resolve(b), a);
  const next = again.observe('a different kind of line altogether');
  assert.ok(next.key > b, 'new keys follow the restored ones');
});

test('bounded work and memory on hostile input: huge lines, floods of random words', () => {
  const m = new TemplateMiner({ maxForms: 1_000, maxTokens: 64, maxTemplates: 500 });
  const huge = Array.from({ length: 50_000 }, (_, i) => `w${i % 7}x`).join(' ');
  const known = m.observe('mine alpha beta <NUM>').key;
  const h = m.observe(huge);
  assert.equal(h.created, true);
  assert.ok(m.get(h.key)!.tokens.length <= 64);
  const rnd = (n: number) =>
    Array.from(
      { length: n },
      () =>
        Math.random()
          .toString(36)
          .replace(/[0-9.]/g, '')
          .slice(0, 6) || 'q',
    ).join(' ');
  for (let i = 0; i < 3_000; i++) m.observe(`flood ${rnd(5)}`);
  for (const t of m.all()) {
    assert.ok(t.siblings.length <= m.options.maxSiblings);
    for (const e of t.evidence.values()) assert.ok(e.values.size <= 32);
  }
  assert.ok((m as unknown as { forms: Map<string, number> }).forms.size <= 1_000);
  // Past the cap, lines unlike anything count under one catch-all template.
  assert.equal(m.size, 501);
  assert.notEqual(m.observe('mine alpha beta 42x').key, m.observe(`flood ${rnd(5)}`).key);
  const overflow = m.observe(`flood ${rnd(5)}`);
  assert.equal(m.get(overflow.key)!.text, OVERFLOW_TEXT);
  assert.equal(overflow.created, false);
  // A line that fits a known template still joins it.
  assert.equal(m.observe('mine alpha beta 42x').key, known);
});

test('a record key that names the kind of event never becomes a parameter; other keys pool their evidence per source', () => {
  const m = new TemplateMiner({ fieldValues: 3 });
  const ids = [4624, 4625, 4634, 4648, 4672, 4688, 4720, 1102, 4662, 5140, 4985, 4670, 5379, 4740, 4776, 4768, 4769];
  const byId = new Map<number, number>();
  ids.forEach((id, i) => {
    byId.set(id, m.observe(`[winlog] EventID=${id} Channel=Security Computer=ws${'abcdefghijklmnopq'[i]}x Task=Logon`).key);
  });
  // Seventeen event ids: seventeen templates, each with its id, while the computer name (shown many
  // times across them) is a parameter in all of them.
  assert.equal(new Set(byId.values()).size, ids.length);
  for (const key of byId.values()) assert.match(m.get(key)!.text, /^\[winlog\] EventID=\d+ Channel=Security Computer=<\*> Task=Logon$/);
  // A log cleared event (1102) seen again on another computer is known; a new id is a new template.
  assert.equal(m.observe('[winlog] EventID=1102 Channel=Security Computer=wsZZx Task=Logon').key, byId.get(1102));
  assert.equal(m.observe('[winlog] EventID=4697 Channel=Security Computer=wsZZx Task=Logon').created, true);
  // Another source's `Computer` key has shown nothing yet: its value stays.
  assert.equal(
    m.get(m.observe('[other] EventID=1 Channel=Security Computer=wsAAx Task=Logon').key)!.text,
    '[other] EventID=1 Channel=Security Computer=wsAAx Task=Logon',
  );
});

test('JSON records are templated by their keys too: a free-text field becomes a parameter, the level never does', () => {
  const m = new TemplateMiner({ fieldValues: 3 });
  const msgs = ['cache warmed', 'config reloaded', 'peer joined', 'peer left', 'snapshot taken'];
  const keys = new Set<number>();
  for (const level of ['info', 'warn']) {
    for (const msg of msgs) keys.add(m.observe(`{"level":"${level}","msg":"${msg}","node":"n-a","took_ms":<NUM>}`).key);
  }
  const live = [...m.all()].map((t) => t.text).sort();
  assert.deepEqual(live, ['{"level":"info","msg":<*>,"node":"n-a","took_ms":<NUM>}', '{"level":"warn","msg":<*>,"node":"n-a","took_ms":<NUM>}']);
  assert.ok(keys.size >= 2);
});

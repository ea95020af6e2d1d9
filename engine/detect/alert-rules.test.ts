import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertRuleEvaluator, parseDetectionConfig, type RuleInput } from './alert-rules.js';

function line(text: string, t: number, ip?: string, distance?: number): RuleInput {
  return { line: text, labels: { job: 'ssh' }, cluster: 'c2', entities: ip ? [{ kind: 'ip', value: ip }] : [], timeMs: t, distanceTo: () => distance };
}

test('a rule with keywords, similarity and a per-IP threshold alerts once the threshold is met, with the reason', () => {
  const { rules } = parseDetectionConfig({
    rules: [
      {
        name: 'brute force',
        keywords: ['failed password'],
        similarTo: 'Failed password for root',
        maxDistance: 0.3,
        minEvents: 3,
        windowMinutes: 5,
        groupBy: 'ip',
      },
    ],
  });
  const ev = new AlertRuleEvaluator(rules);
  assert.deepEqual(ev.evaluate(line('Failed password for root from 1.1.1.1', 0, '1.1.1.1', 0.1)), []);
  assert.deepEqual(ev.evaluate(line('Failed password for root from 2.2.2.2', 1000, '2.2.2.2', 0.1)), []);
  assert.deepEqual(ev.evaluate(line('Failed password for bob from 1.1.1.1', 2000, '1.1.1.1', 0.6)), [], 'too far in meaning');
  assert.deepEqual(ev.evaluate(line('Accepted password for root from 1.1.1.1', 3000, '1.1.1.1', 0.1)), [], 'keyword missing');
  assert.deepEqual(ev.evaluate(line('Failed password for root from 1.1.1.1', 4000, '1.1.1.1', 0.1)), []);
  const [alert] = ev.evaluate(line('Failed password for admin from 1.1.1.1', 5000, '1.1.1.1', 0.2));
  assert.ok(alert);
  assert.equal(alert.count, 3);
  assert.match(alert.reason, /rule "brute force": 3 matching lines from ip 1\.1\.1\.1 within 5 min/);
});

test('a rule without threshold alerts on every matching line; cluster and labels conditions apply', () => {
  const { rules } = parseDetectionConfig({ rules: [{ name: 'c2 in ssh', cluster: 'c2', labels: { job: 'ssh' } }] });
  const ev = new AlertRuleEvaluator(rules);
  assert.equal(ev.evaluate(line('anything', 0)).length, 1);
  assert.equal(ev.evaluate({ ...line('anything', 1), cluster: 'c3' }).length, 0);
  assert.equal(ev.evaluate(line('again', 2)).length, 1);
});

test('config mistakes are one-line errors naming the field', () => {
  assert.throws(() => parseDetectionConfig({ rule: [] }), /unknown key "rule"/);
  assert.throws(() => parseDetectionConfig({ rules: [{ name: 'x' }] }), /needs at least one of cluster, similarTo, keywords, labels/);
  assert.throws(() => parseDetectionConfig({ rules: [{ name: 'x', keywords: 'a' }] }), /keywords must be a list/);
  assert.throws(() => parseDetectionConfig({ rules: [{ name: 'x', keywords: ['a'], score: 3 }] }), /score must be within 0\.\.1/);
  assert.throws(() => parseDetectionConfig({ bursts: { minEvents: -1 } }), /bursts\.minEvents/);
  assert.equal(parseDetectionConfig({ bursts: { minEvents: 7 } }).bursts.minEvents, 7);
});

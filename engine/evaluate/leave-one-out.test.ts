import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseBest, preferMinerSetting, preferThemeSetting, ruleEffect, rulesToDrop, trainingMean } from './leave-one-out.js';

test('a fold chooses on its training sets only; the held-out set cannot sway it', () => {
  // Set 2 (held out) loves b; sets 0 and 1 prefer a.
  const scores: Record<string, number[]> = { a: [0.9, 0.9, 0.1], b: [0.8, 0.8, 1.0] };
  const pick = (training: number[]) =>
    chooseBest(
      ['a', 'b'],
      (c) => scores[c],
      training,
      () => 0,
    ).choice;
  assert.equal(pick([0, 1]), 'a');
  assert.equal(pick([0, 1, 2]), 'b');
  assert.equal(trainingMean([0.5, NaN, 1], [0, 1, 2]), 0.75, 'NaN (not measurable) is skipped');
});

test('ties go to the larger evidence, the larger field count, then no early opening on rare words before some; for themes to the finer setting', () => {
  const flat = () => [1, 1];
  const off = { rareValues: Number.POSITIVE_INFINITY, rareLines: 2 };
  const miner = [
    { evidenceValues: 8, fieldValues: 8, ...off },
    { evidenceValues: 16, fieldValues: 4, ...off },
    { evidenceValues: 16, fieldValues: 6, rareValues: 6, rareLines: 2 },
    { evidenceValues: 16, fieldValues: 6, ...off },
    { evidenceValues: 16, fieldValues: 6, rareValues: 8, rareLines: 3 },
  ];
  assert.deepEqual(chooseBest(miner, flat, [0, 1], preferMinerSetting).choice, { evidenceValues: 16, fieldValues: 6, ...off });
  const rare = miner
    .slice(2)
    .filter((m) => Number.isFinite(m.rareValues))
    .concat([{ evidenceValues: 16, fieldValues: 6, rareValues: 8, rareLines: 2 }]);
  assert.deepEqual(chooseBest(rare, flat, [0, 1], preferMinerSetting).choice, { evidenceValues: 16, fieldValues: 6, rareValues: 8, rareLines: 2 });
  const themes = [
    { minClusterSize: 3, minSamples: 1 },
    { minClusterSize: 2, minSamples: 2 },
    { minClusterSize: 2, minSamples: 1 },
  ];
  assert.deepEqual(chooseBest(themes, flat, [0, 1], preferThemeSetting).choice, { minClusterSize: 2, minSamples: 1 });
  assert.throws(() => chooseBest([], flat, [0], preferThemeSetting), /no candidates/);
});

test('rules: kept when removing them lowers the training mean; of two redundant rules one stays', () => {
  // Sets 0, 1 train; set 2 is held out. `number` and `hex` mask the same values (either is enough),
  // `size` helps set 0, `sshd` helps only the held-out set, `noise` hurts set 1.
  const score = (dropped: readonly string[]): number[] => {
    const has = (r: string) => !dropped.includes(r);
    const values = has('number') || has('hex') ? 0 : -0.3;
    return [1 + values - (has('size') ? 0 : 0.1), 1 + values - (has('noise') ? 0.05 : 0), 1 + values - (has('sshd') ? 0 : 0.4)];
  };
  const dropped = rulesToDrop(['number', 'hex', 'size', 'sshd', 'noise'], score, [0, 1]);
  assert.deepEqual(dropped, ['number', 'sshd', 'noise']);
  // With the held-out set in training, its rule stays.
  assert.deepEqual(rulesToDrop(['number', 'hex', 'size', 'sshd', 'noise'], score, [0, 1, 2]), ['number', 'noise']);
});

test('rule effect per set', () => {
  assert.deepEqual(ruleEffect([0.9, 0.9, 0.9], [0.8, 0.9, 0.95]), ['helps', 'none', 'hurts']);
});

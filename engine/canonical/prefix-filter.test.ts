import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES } from './default-rules.js';
import { PrefixFilter } from './prefix-filter.js';

describe('PrefixFilter memo', () => {
  it('answers every shape the same whatever shapes of the same start were asked before', () => {
    const shapes: Array<{ first: number; run: number; runIsDigits: boolean; next: number }> = [];
    for (const first of [...'0129aAzZ-[x'].map((c) => c.charCodeAt(0))) {
      const runIsDigits = first >= 48 && first <= 57;
      for (let run = 1; run <= 31; run++) for (const next of [-1, 32, 44, 45, 46, 47, 58, 61, 84, 95, 120, 200]) shapes.push({ first, run, runIsDigits, next });
    }
    for (const rule of DEFAULT_RULES) {
      let forward: PrefixFilter;
      try {
        forward = new PrefixFilter(rule.pattern);
      } catch {
        continue; // syntax the filter does not read: the rule is always tried
      }
      const answers = shapes.map((s) => forward.mayMatch(s));
      const backward = new PrefixFilter(rule.pattern);
      for (let i = shapes.length - 1; i >= 0; i--) {
        // Each shape alone on a fresh filter too, for a sample: no memo at all.
        if (i % 97 === 0) assert.equal(new PrefixFilter(rule.pattern).mayMatch(shapes[i]), answers[i], `${rule.name} alone ${JSON.stringify(shapes[i])}`);
        assert.equal(backward.mayMatch(shapes[i]), answers[i], `${rule.name} ${JSON.stringify(shapes[i])}`);
      }
      if (rule.name === 'iso_datetime') assert.ok(answers.includes(false) && answers.includes(true), 'iso_datetime rules out some shapes and keeps others');
    }
  });
});

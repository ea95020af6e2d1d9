import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES } from './default-rules.js';
import { PrefixFilter } from './prefix-filter.js';
import { Bucket, JOIN_AFTER } from './rule-regex.js';
import type { CanonicalRule } from './types.js';

const PROBES = [
  'Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2',
  '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001',
  'src=10.0.0.5:22 dst=[::1]:8080 user="Jeff L" size=12 KB took 5ms id=b3a60639-f318-4790-aa86-c91548ca5ea3 path=/var/log/x url=https://a.example.com/x?y=1',
  '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_-1608999687919862906 terminating',
  'mac 00:1a:2b:3c:4d:5e hex 0x7fed806eb5d sid S-1-5-21-1-2-3-1107 ver v6.1.7601 x885581165 R02-M1-N0-C:J12-U11 a@b.org C:\\Windows\\x',
  '6/4/2021, 4:00:37.371 PM 1700000000123 Mon, 02 Jan 2006 15:04:05 GMT 20171223-22:15:29:606 512 bytes 3 seconds',
];

/** What a bucket's match says at one position: the rule, the whole match and the masked value. */
function outcome(bucket: Bucket, text: string, pos: number): string {
  const m = bucket.exec(text, pos);
  if (m === null) return '-';
  const rule = bucket.matched!;
  return `${rule.rule.name}|${m[rule.group]}|${rule.hasValue ? m[rule.group + 2] : ''}`;
}

describe('Bucket', () => {
  it('matches the same with each rule tried in turn and with the rules joined into one regex', () => {
    const young = new Bucket(DEFAULT_RULES);
    const joined = new Bucket(DEFAULT_RULES);
    for (let i = 0; i < JOIN_AFTER; i++) joined.exec('x', 0);
    let matches = 0;
    let tries = 0;
    for (const text of PROBES) {
      for (let pos = 0; pos < text.length; pos++) {
        const expected = outcome(young, text, pos);
        tries++;
        if (expected !== '-') matches++;
        assert.equal(outcome(joined, text, pos), expected, `at ${pos} of ${text}`);
      }
    }
    // The young bucket tried its rules one by one all along, or the comparison proves nothing.
    assert.ok(tries < JOIN_AFTER, `${tries} tries: the young bucket has joined its rules`);
    assert.ok(matches > 100, `only ${matches} matches: the probes do not exercise the rules`);
  });

  it('returns null when the first rule that matches matches nothing, joined or not', () => {
    const rules: CanonicalRule[] = [
      { name: 'empty', pattern: '(?=z)', placeholder: '<E>', kind: 'e', description: 'test' },
      { name: 'z', pattern: 'z+', placeholder: '<Z>', kind: 'z', description: 'test' },
    ];
    const young = new Bucket(rules);
    assert.equal(young.exec('zz', 0), null);
    assert.equal(outcome(young, 'az', 0), '-');
    const joined = new Bucket(rules);
    for (let i = 0; i < JOIN_AFTER; i++) joined.exec('a', 0);
    assert.equal(joined.exec('zz', 0), null);
  });
});

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

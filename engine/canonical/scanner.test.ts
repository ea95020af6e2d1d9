import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canStartWith, firstChars } from './first-chars.js';
import { valueGroupIsTopLevel, withoutCaptures } from './scanner.js';
import { createCanonicalizer } from './canonicalizer.js';
import { DEFAULT_RULES } from './default-rules.js';

const chars = (pattern: string): string => {
  const f = firstChars(pattern);
  return f === 'any' ? 'any' : String.fromCharCode(...[...f].sort((a, b) => a - b));
};

describe('firstChars', () => {
  it('reads literals, classes, escapes, groups and optional parts', () => {
    assert.equal(chars('abc'), 'a');
    assert.equal(chars('[x-z0]+'), '0xyz');
    assert.equal(chars('\\d{2}'), '0123456789');
    assert.equal(chars('(?:ab|c)d'), 'ac');
    assert.equal(chars('a?b'), 'ab');
    assert.equal(chars('(?<=x)(?!y)\\[z'), '[');
    assert.equal(chars('(?<value>q)'), 'q');
    assert.equal(chars('-?\\d'), '-0123456789');
  });

  it('says any when unsure or when the pattern can match empty', () => {
    for (const p of ['x*', '.a', '[^a]', '\\Sa', '(a|)b', '\\u0041']) assert.equal(chars(p), 'any', p);
  });

  it('never leaves out a character a default rule can start with (checked on every rule case)', () => {
    for (const rule of DEFAULT_RULES) {
      const f = firstChars(rule.pattern);
      const re = new RegExp(rule.pattern, 'y');
      for (const probe of ['1', 'a', 'Z', '"', '[', '/', '\\', '~', '.', '{', ':', '-', '@', '_', '%']) {
        if (canStartWith(f, probe.charCodeAt(0))) continue;
        re.lastIndex = 0;
        assert.equal(re.test(`${probe}x1.2.3.4 a=b`), false, `${rule.name} with ${probe}`);
      }
    }
  });
});

describe('withoutCaptures', () => {
  it('turns capturing groups, named or not, into non-capturing ones and leaves the rest', () => {
    assert.equal(withoutCaptures('(a)(?<v>b)(?:c)(?=d)(?<=e)(?<!f)[(]\\('), '(?:a)(?:b)(?:c)(?=d)(?<=e)(?<!f)[(]\\(');
  });
});

describe('valueGroupIsTopLevel', () => {
  it('accepts a value group after a top-level prefix only', () => {
    assert.equal(valueGroupIsTopLevel('(?:x|y) (?<value>\\w+)'), true);
    assert.equal(valueGroupIsTopLevel('a(?<value>b)|c'), false);
    assert.equal(valueGroupIsTopLevel('(?:a(?<value>b))'), false);
    assert.equal(valueGroupIsTopLevel('plain'), true);
  });
});

describe('scanner', () => {
  it('tries rules only at token starts; letters joined by . $ - are one token', () => {
    const c = createCanonicalizer();
    assert.equal(c.canonicalize('ssh2 x86 abcx12 v2.app').canonical, 'ssh2 x86 abcx12 v2.app');
    assert.equal(c.canonicalize('org.apache.Foo$Bar: user: root').canonical, 'org.apache.Foo$Bar: user: <USER>');
  });

  it('tries plain words only against rules that list them in words', () => {
    const rules = [{ name: 'w', pattern: 'alpha \\d', placeholder: '<W>', kind: 'w', description: 'test' }];
    assert.equal(createCanonicalizer({ rules }).canonicalize('alpha 1').canonical, 'alpha 1');
    const listed = [{ ...rules[0], words: ['alpha'] }];
    assert.equal(createCanonicalizer({ rules: listed }).canonicalize('x alpha 1 alpha').canonical, 'x <W> alpha');
  });

  it('ignores empty matches instead of looping on them', () => {
    const rules = [{ name: 'e', pattern: '(?=z)', placeholder: '<E>', kind: 'e', description: 'test' }];
    assert.equal(createCanonicalizer({ rules }).canonicalize('(z) [z]').canonical, '(z) [z]');
  });
});

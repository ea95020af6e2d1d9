import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prefixFilter, type TokenShape } from './prefix-filter.js';
import { valueGroupIsTopLevel, withoutCaptures } from './scanner.js';
import { createCanonicalizer } from './canonicalizer.js';
import { DEFAULT_RULES } from './default-rules.js';

/** The ASCII characters a pattern may start a match with, per its prefix filter ('any' if unreadable). */
const starts = (pattern: string): string => {
  const filter = prefixFilter(pattern);
  if (filter === undefined) return 'any';
  let out = '';
  for (let c = 32; c < 127; c++) if (filter.mayMatch({ first: c, run: 1, runIsDigits: false, next: -1 })) out += String.fromCharCode(c);
  return out.length === 95 ? 'any' : out;
};
const shape = (first: string, run: number, next: string | null, runIsDigits = true): TokenShape => ({
  first: first.charCodeAt(0),
  run,
  runIsDigits,
  next: next === null ? -1 : next.charCodeAt(0),
});

describe('prefixFilter', () => {
  it('reads literals, classes, escapes, groups and optional parts for the first character', () => {
    assert.equal(starts('abc'), 'a');
    assert.equal(starts('[x-z0]+'), '0xyz');
    assert.equal(starts('\\d{2}'), '0123456789');
    assert.equal(starts('(?:ab|c)d'), 'ac');
    assert.equal(starts('a?b'), 'ab');
    assert.equal(starts('(?<=x)(?!y)\\[z'), '[');
    assert.equal(starts('(?<value>q)'), 'q');
    assert.equal(starts('-?\\d'), '-0123456789');
    assert.equal(starts('(a|)b'), 'ab');
    assert.equal(starts('x*'), 'any');
  });

  it('follows a run of digits and the character after it', () => {
    const iso = prefixFilter('\\d{4}-\\d{2}-\\d{2}')!;
    assert.equal(iso.mayMatch(shape('2', 4, '-')), true);
    assert.equal(iso.mayMatch(shape('1', 3, ' ')), false);
    const num = prefixFilter('-?\\d+(?:[.,]\\d+)*')!;
    assert.equal(num.mayMatch(shape('1', 3, ' ')), true); // the match ends before the space
    const epoch = prefixFilter('1\\d{9}(?![\\w.])')!;
    assert.equal(epoch.mayMatch(shape('2', 10, ' ')), false);
    assert.equal(epoch.mayMatch(shape('1', 10, ' ')), true);
    const ranged = prefixFilter('x{2,3}y')!;
    assert.equal(ranged.mayMatch(shape('x', 3, 'y', false)), true);
    assert.equal(ranged.mayMatch(shape('x', 4, 'y', false)), true); // letters of a run are "some letter"
  });

  it('reads punctuation as a run of one and the character after it', () => {
    const ipv6 = DEFAULT_RULES.find((r) => r.name === 'ipv6')!;
    const filter = prefixFilter(ipv6.pattern)!;
    assert.equal(filter.mayMatch(shape(':', 1, ' ', false)), false); // `sshd[42]: Failed`: no address
    assert.equal(filter.mayMatch(shape(':', 1, ':', false)), true); // `::1`
    assert.equal(filter.mayMatch(shape('[', 1, 'f', false)), true); // `[fe80::1]`
    assert.equal(filter.mayMatch(shape('[', 1, 'x', false)), false);
    const c = createCanonicalizer();
    assert.equal(c.canonicalize('sshd[42]: from ::1 and [fe80::1]:22').canonical, 'sshd[<NUM>]: from <IP> and [<IP>]:<PORT>');
  });

  it('gives up on syntax it does not read (the rule is then always tried)', () => {
    assert.equal(prefixFilter('\\u0041'), undefined);
    assert.equal(prefixFilter('(a'), undefined);
  });

  it('never rules out a default rule where it matches (checked on probe strings)', () => {
    const probes = [
      '148 INFO',
      '10.0.0.5:22',
      '2015-10-18 18:01:47,978',
      'Dec 10 06:55:46',
      'user=bob',
      'blk_-123 x',
      '0x7fed806eb5d',
      'b3a60639-f318-4790-aa86-c91548ca5ea3',
      'ns.example.com',
      'a@b.org',
      '/var/log',
      '12ms',
      '5 KB',
      'x885581165',
      'R02-M1-N0-C:J12-U11',
      'v6.1.7601',
      'S-1-5-18',
      '[main] INFO',
      'port 22',
      '081109 203615',
    ];
    for (const rule of DEFAULT_RULES) {
      const filter = prefixFilter(rule.pattern);
      const re = new RegExp(rule.pattern, 'y');
      for (const probe of probes) {
        re.lastIndex = 0;
        if (!re.test(probe) || filter === undefined) continue;
        const first = probe.charCodeAt(0);
        const isDigit = first >= 48 && first <= 57;
        let end = 1;
        // As RuleSelector.at reads a token: punctuation is a run of one.
        if (/[A-Za-z0-9]/.test(probe[0])) while (end < probe.length && (isDigit ? /\d/ : /[A-Za-z]/).test(probe[end])) end++;
        const next = end < probe.length ? probe.charCodeAt(end) : -1;
        assert.equal(filter.mayMatch({ first, run: end, runIsDigits: isDigit, next }), true, `${rule.name} on ${probe}`);
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

describe('key= fast path (the key_value rule found without its regex)', () => {
  const canon = (line: string, config = {}) => createCanonicalizer(config).canonicalize(line).canonical;
  it('gives what the rule regexes give: URLs first, keys with `:`, `@`, `/` and `$`', () => {
    assert.equal(canon('see https://a.example.com/x?id=42 now'), 'see <URL> now');
    assert.equal(canon('ns:key=abc123 a.b-c@d$e/f=7'), 'ns:key=<ID> a.b-c@d$e/f=<NUM>');
    assert.equal(canon('_id=5 @timestamp=2023-01-01T00:00:00Z'), '_id=<ID> @timestamp=<TS>');
  });
  it('leaves the first say to a user rule that matches at the key', () => {
    const userRules = {
      rules: [{ name: 'secret', pattern: 'secret=\\S+', placeholder: '<SECRET>', kind: 'secret', description: 'a secret' }],
      disable: [],
    };
    assert.equal(canon('secret=abc bytes=12', { userRules }), '<SECRET> bytes=<NUM>');
    assert.equal(canon('secret=abc bytes=12'), 'secret=abc bytes=<NUM>');
  });
});

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULES } from './default-rules.js';
import { createCanonicalizer } from './canonicalizer.js';
import { loadUserRules, mergeRules, parseUserRules, UserRulesError } from './user-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'logatlas-user-rules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function writeRules(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadUserRules', () => {
  it('reads rules to add and default rules to disable', () => {
    const path = writeRules('ok.json', {
      rules: [{ name: 'ticket', pattern: 'TCK-\\d+', placeholder: '<TICKET>', kind: 'ticket', description: 'Tickets' }],
      disable: ['email'],
    });
    const rules = loadUserRules(path);
    assert.equal(rules.rules[0].name, 'ticket');
    assert.deepEqual(rules.disable, ['email']);
  });

  it('names the file and the rule on an invalid regex', () => {
    const path = writeRules('bad-regex.json', { rules: [{ name: 'broken', pattern: 'a(b', placeholder: '<X>', kind: 'x' }] });
    assert.throws(
      () => loadUserRules(path),
      (err: Error) => {
        assert.ok(err instanceof UserRulesError);
        assert.match(
          err.message,
          new RegExp(`user rules ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: rule "broken" \\(rules\\[0\\]\\): invalid regex /a\\(b/`),
        );
        return true;
      },
    );
  });

  it('refuses a pattern that backtracks catastrophically, found by running it against hostile lines once at load', () => {
    for (const [name, pattern] of [
      ['nested', '(?:\\w+\\s?)*=END'],
      ['alternation', '(?:x|x)*y'],
    ]) {
      const path = writeRules(`redos-${name}.json`, { rules: [{ name, pattern, placeholder: '<X>', kind: 'x' }] });
      assert.throws(
        () => loadUserRules(path),
        (err: Error) => {
          assert.ok(err instanceof UserRulesError);
          assert.match(err.message, new RegExp(`rule "${name}" .*is refused: it backtracks catastrophically`));
          return true;
        },
      );
    }
    // An ordinary pattern of the same shape without nesting loads.
    const ok = writeRules('redos-ok.json', { rules: [{ name: 'flat', pattern: '\\w+\\s?=END', placeholder: '<X>', kind: 'x' }] });
    assert.equal(loadUserRules(ok).rules[0].name, 'flat');
  });

  it('names the missing field', () => {
    const path = writeRules('missing.json', { rules: [{ name: 'nokind', pattern: 'x\\d', placeholder: '<X>' }] });
    assert.throws(() => loadUserRules(path), /missing.json: rule "nokind" \(rules\[0\]\): missing or empty string field "kind"/);
    const unnamed = writeRules('unnamed.json', { rules: [{ pattern: 'x\\d', placeholder: '<X>', kind: 'x' }] });
    assert.throws(() => loadUserRules(unnamed), /unnamed.json: rules\[0\]: missing or empty string field "name"/);
  });

  it('refuses unknown fields, bad JSON, a missing file and patterns that cannot be joined', () => {
    assert.throws(() => loadUserRules(writeRules('typo.json', { rule: [] })), /typo.json: unknown field "rule"/);
    assert.throws(
      () => loadUserRules(writeRules('field.json', { rules: [{ name: 'a', pattern: 'x\\d', placeholder: '<X>', kind: 'x', handler: 'ip' }] })),
      /rule "a" \(rules\[0\]\): unknown field "handler"/,
    );
    assert.throws(() => loadUserRules(writeRules('bad.json', '{ nope')), /bad.json: not valid JSON/);
    assert.throws(() => loadUserRules(join(dir, 'absent.json')), /absent.json: cannot read/);
    const rule = (pattern: string) => ({ rules: [{ name: 'r', pattern, placeholder: '<X>', kind: 'x' }] });
    assert.throws(() => parseUserRules(rule('(a)\\1'), 'f.json'), /f.json: rule "r" \(rules\[0\]\): pattern \/\(a\)\\1\/ uses a backreference/);
    assert.throws(() => parseUserRules(rule('a*'), 'f.json'), /matches the empty string/);
    assert.throws(() => parseUserRules(rule('(?<id>x)'), 'f.json'), /only named group allowed is \(\?<value>/);
    assert.throws(() => parseUserRules({ rules: [rule('x1').rules[0], rule('x2').rules[0]] }, 'f.json'), /rule "r" \(rules\[1\]\): duplicate name/);
  });

  it('refuses to disable a rule that does not exist', () => {
    assert.throws(() => createCanonicalizer({ userRulesPath: writeRules('off.json', { disable: ['nope'] }) }), /off.json: cannot disable unknown rule "nope"/);
  });
});

describe('user rules in a canonicalizer', () => {
  it('adds rules that win over the defaults, with entities', () => {
    const path = writeRules('add.json', {
      rules: [
        { name: 'ticket', pattern: 'TCK-\\d+', placeholder: '<TICKET>', kind: 'ticket', description: 'Tickets' },
        { name: 'tenant', pattern: 'tenant (?<value>[a-z]+)', placeholder: '<TENANT>', kind: 'tenant', words: ['tenant'] },
      ],
    });
    const r = createCanonicalizer({ userRulesPath: path }).canonicalize('TCK-123 opened by tenant acme at 10.0.0.1');
    assert.equal(r.canonical, '<TICKET> opened by tenant <TENANT> at <IP>');
    assert.deepEqual(
      r.entities.map((e) => [e.kind, e.value]),
      [
        ['ticket', 'TCK-123'],
        ['tenant', 'acme'],
        ['ip', '10.0.0.1'],
      ],
    );
  });

  it('disables default rules by name, and replaces a default of the same name', () => {
    const off = createCanonicalizer({ userRules: { rules: [], disable: ['ipv4', 'number'] } });
    assert.equal(off.canonicalize('from 10.0.0.1 port 22 x 5').canonical, 'from 10.0.0.1 port <PORT> x 5');
    const replaced = mergeRules(DEFAULT_RULES, {
      rules: [{ name: 'email', pattern: '[a-z]+@corp', placeholder: '<MAIL>', kind: 'email', description: '' }],
      disable: [],
    });
    assert.equal(replaced.filter((r) => r.name === 'email').length, 1);
    assert.equal(createCanonicalizer({ rules: replaced }).canonicalize('to bob@corp').canonical, 'to <MAIL>');
  });
});

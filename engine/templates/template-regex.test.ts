// The expression built from a template selects exactly that template's lines: every line of nine
// loghub-2k sets is matched by its own template's expression and by no other's, where "its own" is the
// engine's assignment (the template its canonical form belongs to).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanonicalizer } from '../canonical/index.js';
import { PatternTable } from '../patterns/pattern-table.js';
import { escapeRegex, templateRegex, templatesRegex, templateRegexMatchesExamples } from './template-regex.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SETS = ['OpenSSH', 'Linux', 'HDFS', 'Apache', 'Hadoop', 'Spark', 'Zookeeper', 'HealthApp', 'Windows'];

function learn(lines: string[]) {
  const canonicalizer = createCanonicalizer({});
  const table = new PatternTable();
  lines.forEach((l, i) => table.add({ raw: l, text: l, labels: {}, metadata: {}, origin: 'test', seq: i + 1 }, canonicalizer.canonicalize(l)));
  const patterns = [...table.all()];
  for (const p of patterns) p.template = table.templateState(p);
  const own = (l: string) => {
    const c = canonicalizer.canonicalize(l);
    return table.get(c.canonical, c.entities);
  };
  return { patterns, own };
}

for (const set of SETS) {
  test(`${set}: each line is matched by its own template's expression and no other`, () => {
    const lines = readFileSync(join(root, '..', 'shared', 'datasets', 'loghub-2k', set, `${set}_2k.log`), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const { patterns, own } = learn(lines);
    assert.ok(patterns.length > 3, `${set}: ${patterns.length} templates`);
    const compiled = patterns.map((p) => ({ p, re: new RegExp(templateRegex(p)) }));
    const wrong: string[] = [];
    for (const line of lines) {
      const mine = own(line);
      assert.ok(mine, `the engine knows the template of ${line}`);
      const hits = compiled.filter((c) => c.re.test(line)).map((c) => c.p);
      if (hits.length !== 1 || hits[0] !== mine) wrong.push(`${line}\n  own: ${mine.canonical}\n  hits: ${hits.map((h) => h.canonical).join(' | ')}`);
    }
    assert.deepEqual(wrong.slice(0, 3), [], `${wrong.length} of ${lines.length} lines`);
    assert.ok(patterns.every(templateRegexMatchesExamples));
  });
}

test('a one-token parameter does not swallow the extra words of another template; alternation joins templates', () => {
  const lines = [
    'Dec 10 07:08:30 LabSZ sshd[24208]: Failed password for invalid user webmaster from 173.234.31.186 port 39257 ssh2',
    'Dec 10 07:08:31 LabSZ sshd[24209]: Failed password for invalid user admin from 173.234.31.187 port 39258 ssh2',
    ...Array.from(
      { length: 20 },
      (_, i) => `Dec 10 07:09:${10 + i} LabSZ sshd[2430${i % 10}]: Failed password for user${i} from 10.0.0.${i} port ${4000 + i} ssh2`,
    ),
    'Dec 10 07:10:00 LabSZ sshd[24400]: Connection closed by 10.1.1.1 [preauth]',
  ];
  const { patterns, own } = learn(lines);
  const plain = own(lines[2])!;
  const invalid = own(lines[0])!;
  assert.notEqual(plain, invalid);
  assert.match(plain.canonical, /Failed password for <\*> from/);
  const re = new RegExp(templateRegex(plain));
  assert.ok(re.test(lines[5]));
  assert.ok(!re.test(lines[0]), 'the plain template does not match an "invalid user" line');
  // A hand-made expression that treats the parameter as "anything" over-matches: what the test above guards.
  assert.ok(new RegExp(`Failed password for .* from`).test(lines[0]));
  const both = new RegExp(templatesRegex([plain, invalid]));
  assert.equal(lines.filter((l) => both.test(l)).length, 22);
  assert.equal(patterns.length, 3);
  assert.equal(escapeRegex('a.b*c[1](x)|{y}^$?+\\'), 'a\\.b\\*c\\[1\\]\\(x\\)\\|\\{y\\}\\^\\$\\?\\+\\\\');
});

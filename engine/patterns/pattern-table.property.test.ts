// Property tests: the template layer takes any canonical form without an exception, and what it keeps
// stays bounded by templates, not lines. Seeded and bounded (fast-check), so CI runs the same cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCanonicalizer } from '../canonical/canonicalizer.js';
import { UNPARSED_CANONICAL } from '../canonical/types.js';
import { textLineEvent } from '../events/text.js';
import { PatternTable } from './pattern-table.js';

const SEED = 20261205;
const canonicalizer = createCanonicalizer();

const word = fc.oneof(
  fc.constantFrom('user', 'root', 'failed', 'accepted', 'ERROR', '<IP>', '<NUM>', '<*>', 'k=', 'v', '[', ']', '{', '}', ':', '"'),
  fc.string({ maxLength: 12 }),
);
const line = fc.oneof(
  fc.array(word, { maxLength: 60 }).map((w) => w.join(' ')),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

test('any stream of lines: every line counted once, no exception, templates never more than distinct forms', () => {
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 200 }), (lines) => {
      const table = new PatternTable();
      const forms = new Set<string>();
      lines.forEach((l, i) => {
        const r = canonicalizer.canonicalize(l);
        forms.add(r.canonical);
        const added = table.add(textLineEvent(l, i + 1, 'property'), r, 0n);
        assert.equal(added.failure, undefined, added.failure);
      });
      const counted = [...table.all()].reduce((n, p) => n + p.count, 0);
      assert.equal(counted, lines.length);
      assert.ok(table.size >= 1 && table.size <= forms.size);
    }),
    { seed: SEED, numRuns: 150 },
  );
});

test('a form the template layer cannot take counts under the unparsed pattern, and the table goes on', () => {
  const table = new PatternTable();
  const ok = table.add(textLineEvent('disk full on /dev/sda1', 1, 't'), canonicalizer.canonicalize('disk full on /dev/sda1'), 0n);
  const bad = table.add(textLineEvent('?', 2, 't'), { canonical: undefined as unknown as string, entities: [] }, 0n);
  assert.equal(bad.pattern.canonical, UNPARSED_CANONICAL);
  assert.match(bad.failure ?? '', /^template layer: /);
  const again = table.add(textLineEvent('disk full on /dev/sdb1', 3, 't'), canonicalizer.canonicalize('disk full on /dev/sdb1'), 0n);
  assert.equal(again.pattern.key, ok.pattern.key);
  assert.equal(again.failure, undefined);
  assert.equal(table.size, 2);
  assert.equal(bad.pattern.count, 1);
});

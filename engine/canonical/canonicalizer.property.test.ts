// Property tests: whatever a line holds, canonicalizing it returns a bounded form and never throws.
// Seeded and bounded (fast-check), so CI runs the same cases every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCanonicalizer } from './canonicalizer.js';
import { UNPARSED_CANONICAL } from './types.js';

const SEED = 20261205;
const canonicalizer = createCanonicalizer();
const maxLength = canonicalizer.options.maxLength!;

/** Any JSON value, nested up to `depth` levels. */
const json = (depth: number) =>
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

/** Lines a log may hold: any unicode (lone surrogates and NULs included), log-like tokens, deep brackets. */
const hostileLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(fc.constantFrom('user=', 'root', '10.0.0.1', ':', '"', '[', ']', '{', '}', '=', ' ', '\\', '2024-01-01T00:00:00Z', '0x1f', '-', '/var/log'), {
      maxLength: 120,
    })
    .map((t) => t.join('')),
  fc.tuple(fc.constantFrom('[', '{"a":', '('), fc.integer({ min: 1, max: 20_000 })).map(([open, n]) => open.repeat(n)),
  json(6).map((v) => JSON.stringify(v) ?? 'undefined'),
);

test('any line: a form no longer than maxLength, entities with their kinds, never an exception', () => {
  fc.assert(
    fc.property(hostileLine, (line) => {
      const r = canonicalizer.canonicalize(line);
      assert.equal(typeof r.canonical, 'string');
      assert.ok(r.canonical.length <= maxLength + 1, `form of ${r.canonical.length} characters`);
      for (const e of r.entities) assert.ok(typeof e.kind === 'string' && typeof e.value === 'string');
      // These inputs are all within what the canonicalizer handles: none should need the backstop.
      assert.equal(r.failure, undefined, r.failure);
    }),
    { seed: SEED, numRuns: 400 },
  );
});

test('JSON nested far deeper than any record is scanned as text, not walked level by level', () => {
  for (const line of ['{"a":'.repeat(5000) + '1' + '}'.repeat(5000), '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}']) {
    const r = canonicalizer.canonicalize(line);
    assert.equal(r.failure, undefined);
    assert.notEqual(r.canonical, UNPARSED_CANONICAL);
    assert.ok(r.canonical.length > 0 && r.canonical.length <= maxLength + 1);
  }
});

test('a line that still fails (here: not even a string, as a broken reader could hand over) counts as unparsed, with why', () => {
  const r = canonicalizer.canonicalize(undefined as unknown as string);
  assert.equal(r.canonical, UNPARSED_CANONICAL);
  assert.deepEqual(r.entities, []);
  assert.match(r.failure ?? '', /^canonicalizer: /);
  assert.equal(canonicalizer.canonicalize('Accepted password for root from 10.0.0.1').failure, undefined, 'the next line is canonical');
});

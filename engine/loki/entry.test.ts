import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entriesFromStreams, entryKey, labelsKey } from './entry.js';

describe('entriesFromStreams', () => {
  it('decodes categorize-labels values and orders entries by timestamp across streams', () => {
    const entries = entriesFromStreams([
      {
        stream: { app: 'a' },
        values: [
          ['3', 'three', { structuredMetadata: { u: '1' }, parsed: { lvl: 'x' } }],
          ['1', 'one', {}],
        ],
      },
      { stream: { app: 'b' }, values: [['2', 'two']] },
    ]);
    assert.deepEqual(
      entries.map((e) => [e.tsNs, e.line]),
      [
        [1n, 'one'],
        [2n, 'two'],
        [3n, 'three'],
      ],
    );
    assert.deepEqual(entries[2].structuredMetadata, { u: '1' });
    assert.deepEqual(entries[2].parsed, { lvl: 'x' });
    assert.deepEqual(entries[1].structuredMetadata, {});
  });

  it('keeps nanosecond precision beyond 2^53', () => {
    const [e] = entriesFromStreams([{ stream: {}, values: [['1763762400123456789', 'x']] }]);
    assert.equal(e.tsNs, 1763762400123456789n);
  });

  it('rejects a malformed value', () => {
    assert.throws(() => entriesFromStreams([{ stream: {}, values: [[1, 'x']] }]), /unexpected Loki entry/);
  });
});

describe('entryKey', () => {
  it('ignores label order, and tells lines and structured metadata apart (Loki keeps entries that differ only there)', () => {
    const a = { tsNs: 5n, line: 'l', stream: { x: '1', y: '2' }, structuredMetadata: { m: '1' }, parsed: {} };
    const b = { ...a, stream: { y: '2', x: '1' } };
    assert.equal(entryKey(a), entryKey(b));
    assert.notEqual(entryKey(a), entryKey({ ...a, line: 'l2' }));
    assert.notEqual(entryKey(a), entryKey({ ...a, structuredMetadata: { m: '2' } }));
    assert.notEqual(entryKey(a), entryKey({ ...a, structuredMetadata: {} }));
    assert.equal(entryKey({ ...a, parsed: { p: '1' } }), entryKey(a), 'parsed labels come from the query, not the entry');
    assert.equal(labelsKey({ b: '"', a: '1' }), '{a="1", b="\\""}');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LokiEntry } from './entry.js';
import { RecentEntries } from './recent-entries.js';

const e = (ts: bigint, line: string, host = 'h'): LokiEntry => ({ tsNs: ts, line, stream: { host }, structuredMetadata: {}, parsed: {} });

describe('RecentEntries', () => {
  it('admits an identity once: stream labels, timestamp and line', () => {
    const r = new RecentEntries(100n);
    assert.equal(r.admit([e(1n, 'a'), e(1n, 'b'), e(1n, 'a', 'other')]).length, 3);
    assert.equal(r.admit([e(1n, 'a'), e(2n, 'a')]).length, 1);
    assert.equal(r.newestTsNs, 2n);
    assert.equal(r.horizonNs, -98n);
  });

  it('forgets identities older than the window, in bulk', () => {
    const r = new RecentEntries(10n);
    r.admit(Array.from({ length: 3000 }, (_, i) => e(BigInt(i), `l${i}`)));
    assert.equal(r.admit([e(2995n, 'l2995')]).length, 0, 'inside the window: still known');
    assert.equal(r.horizonNs, 2989n);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, parseRetryAfter, sleep } from './backoff.js';

describe('backoff', () => {
  it('doubles per attempt with jitter in the upper half, capped', () => {
    for (let i = 0; i < 200; i++) {
      const d0 = backoffDelay(0, { baseDelayMs: 100, maxDelayMs: 1000 });
      const d3 = backoffDelay(3, { baseDelayMs: 100, maxDelayMs: 1000 });
      const d9 = backoffDelay(9, { baseDelayMs: 100, maxDelayMs: 1000 });
      assert.ok(d0 >= 50 && d0 <= 100, `${d0}`);
      assert.ok(d3 >= 400 && d3 <= 800, `${d3}`);
      assert.ok(d9 >= 500 && d9 <= 1000, `${d9}`);
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 5000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('sleeps, and stops sleeping when aborted', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(new Error('stop')), 20);
    await assert.rejects(sleep(10_000, ac.signal), /stop/);
    assert.ok(Date.now() - started < 1000);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAhead } from './read-ahead.js';

/** A source of `n` pages that logs when each page is asked for and when it is handed out. */
function source(n: number, log: string[], failAt = -1) {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 0; i < n; i++) {
          log.push(`read ${i}`);
          await new Promise((r) => setTimeout(r, 5));
          if (i === failAt) throw new Error(`page ${i} failed`);
          yield i;
        }
      } finally {
        log.push('source closed');
      }
    },
  };
}

test('the next page is read while the caller works on the current one; every page comes once, in order', async () => {
  const log: string[] = [];
  const got: number[] = [];
  for await (const page of readAhead(source(4, log))) {
    log.push(`work ${page}`);
    await new Promise((r) => setTimeout(r, 20));
    got.push(page);
  }
  assert.deepEqual(got, [0, 1, 2, 3]);
  // Page 1 was asked for before the work on page 0 ended (the read overlaps the work).
  assert.deepEqual(log.slice(0, 3), ['read 0', 'read 1', 'work 0']);
  // The source was read to its end (and closed) while page 3 was still to be worked on.
  assert.ok(log.indexOf('source closed') > log.indexOf('read 3') && log.indexOf('source closed') < log.indexOf('work 3'), log.join(', '));
});

test('a caller that stops early closes the source; a failing page fails where it is reached', async () => {
  const log: string[] = [];
  for await (const page of readAhead(source(10, log))) if (page === 1) break;
  assert.equal(log.at(-1), 'source closed');
  assert.ok(!log.includes('read 3'), log.join(', '));

  const got: number[] = [];
  await assert.rejects(async () => {
    for await (const page of readAhead(source(5, [], 2))) got.push(page);
  }, /page 2 failed/);
  assert.deepEqual(got, [0, 1]);
});

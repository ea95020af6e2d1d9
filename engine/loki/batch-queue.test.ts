import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BatchQueue } from './batch-queue.js';

describe('BatchQueue', () => {
  it('hands batches to the consumer in order and ends', async () => {
    const q = new BatchQueue<number>(100);
    q.push([1, 2]);
    setTimeout(() => {
      q.push([3]);
      q.end();
    }, 10);
    const got: number[][] = [];
    for await (const b of q) got.push(b);
    assert.deepEqual(got, [[1, 2], [3]]);
  });

  it('makes the producer wait while the consumer is behind', async () => {
    const q = new BatchQueue<number>(3);
    q.push([1, 2, 3]);
    assert.equal(q.hasRoom, false);
    let waited = false;
    const room = q.waitForRoom().then(() => (waited = true));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(waited, false);
    await q.next();
    await room;
    assert.equal(q.size, 0);
  });

  it('delivers queued batches before the failure', async () => {
    const q = new BatchQueue<number>(10);
    q.push([1]);
    q.fail(new Error('boom'));
    assert.deepEqual((await q.next()).value, [1]);
    await assert.rejects(q.next(), /boom/);
  });

  it('calls onReturn when the consumer breaks out', async () => {
    let returned = false;
    const q = new BatchQueue<number>(10, async () => {
      returned = true;
    });
    q.push([1]);
    for await (const _ of q) break;
    assert.equal(returned, true);
  });
});

// A queue of batches between a producer that is pushed to (a websocket) and a consumer that pulls
// (for await). The producer can wait for room, so a slow consumer slows the producer down instead of
// growing memory without bound.

export class BatchQueue<T> implements AsyncIterableIterator<T[]> {
  private readonly batches: T[][] = [];
  private pendingItems = 0;
  private ended = false;
  private failure: unknown;
  private wakeConsumer: (() => void) | undefined;
  private roomWaiters: (() => void)[] = [];

  /**
   * @param highWaterMark items queued before `hasRoom` turns false
   * @param onReturn called when the consumer stops early (break out of for await)
   */
  constructor(
    private readonly highWaterMark: number,
    private readonly onReturn: () => Promise<void> = async () => {},
  ) {}

  /** Items queued and not yet taken. */
  get size(): number {
    return this.pendingItems;
  }

  get hasRoom(): boolean {
    return this.pendingItems < this.highWaterMark;
  }

  push(batch: T[]): void {
    if (this.ended || batch.length === 0) return;
    this.batches.push(batch);
    this.pendingItems += batch.length;
    this.wake();
  }

  /** Resolves once the queue is below its high-water mark (or has ended). */
  async waitForRoom(): Promise<void> {
    while (!this.ended && !this.hasRoom) await new Promise<void>((r) => this.roomWaiters.push(r));
  }

  /** Ends the iteration after the queued batches. */
  end(): void {
    this.ended = true;
    this.wake();
    this.releaseRoomWaiters();
  }

  /** Ends the iteration with an error, after the queued batches. */
  fail(err: unknown): void {
    if (this.ended) return;
    this.failure = err;
    this.end();
  }

  async next(): Promise<IteratorResult<T[]>> {
    for (;;) {
      const batch = this.batches.shift();
      if (batch) {
        this.pendingItems -= batch.length;
        if (this.hasRoom) this.releaseRoomWaiters();
        return { value: batch, done: false };
      }
      if (this.ended) {
        if (this.failure !== undefined) {
          const err = this.failure;
          this.failure = undefined;
          throw err;
        }
        return { value: undefined, done: true };
      }
      await new Promise<void>((r) => (this.wakeConsumer = r));
    }
  }

  async return(): Promise<IteratorResult<T[]>> {
    this.end();
    await this.onReturn();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private wake(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = undefined;
    wake?.();
  }

  private releaseRoomWaiters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of waiters) w();
  }
}

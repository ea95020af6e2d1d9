/**
 * Reservoir sampling (Algorithm R) with a seeded generator, so that the examples kept for a pattern are
 * a uniform sample of everything it saw and the same input gives the same examples.
 */
export class SeededRandom {
  private state: number;
  constructor(seed = 0x9e3779b9) {
    this.state = seed >>> 0 || 1;
  }
  /** xorshift32: fast and good enough for sampling. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x1_0000_0000;
  }
}

/**
 * Where the `seen`-th item (1-based) goes in a reservoir of `length` items out of at most `size`: an
 * index, or -1 when it is declined. The caller makes the item only for a slot (most offers are declined).
 */
export function reservoirSlot(length: number, seen: number, size: number, rng: SeededRandom): number {
  if (length < size) return length;
  const j = Math.floor(rng.next() * seen);
  return j < size ? j : -1;
}

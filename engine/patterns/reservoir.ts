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
 * Offers the `seen`-th item (1-based) to a reservoir of at most `size` items. The item is made only when
 * it is kept: on a hot path most offers are declined.
 */
export function offerToReservoir<T>(reservoir: T[], makeItem: () => T, seen: number, size: number, rng: SeededRandom): void {
  if (reservoir.length < size) {
    reservoir.push(makeItem());
    return;
  }
  const j = Math.floor(rng.next() * seen);
  if (j < size) reservoir[j] = makeItem();
}

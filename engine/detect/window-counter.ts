// Event counts per key in 10 s slots of event time, kept for a bounded span: the memory behind burst,
// entity and rule windows. Event time, not wall time, so a backfill sees the bursts of the past.
const SLOT_MS = 10_000;

/** What a WindowCounter holds, as JSON: per key, its [slot start ms, count] pairs. */
export interface WindowCounterState {
  newestMs: number | null;
  slots: Array<[key: string, slots: Array<[slotMs: number, count: number]>]>;
}

export class WindowCounter {
  private readonly slots = new Map<string, Map<number, number>>();
  private newestMs = Number.NEGATIVE_INFINITY;

  /** `spanMs`: how far back counts are kept (the longest window or history asked of it). */
  constructor(private readonly spanMs: number) {}

  add(key: string, timeMs: number, count = 1): void {
    const slot = Math.floor(timeMs / SLOT_MS) * SLOT_MS;
    let slots = this.slots.get(key);
    if (!slots) this.slots.set(key, (slots = new Map()));
    slots.set(slot, (slots.get(slot) ?? 0) + count);
    if (timeMs > this.newestMs) this.newestMs = timeMs;
  }

  /** Events of `key` in [endMs − windowMs, endMs]. */
  count(key: string, endMs: number, windowMs: number): number {
    const slots = this.slots.get(key);
    if (!slots) return 0;
    const from = Math.floor((endMs - windowMs) / SLOT_MS) * SLOT_MS + SLOT_MS;
    let n = 0;
    for (const [slot, c] of slots) if (slot >= from && slot <= endMs) n += c;
    return n;
  }

  /** Forgets slots older than the span before the newest event seen; call once per batch. */
  prune(): void {
    const keepFrom = this.newestMs - this.spanMs - SLOT_MS;
    for (const [key, slots] of this.slots) {
      for (const slot of slots.keys()) if (slot < keepFrom) slots.delete(slot);
      if (slots.size === 0) this.slots.delete(key);
    }
  }

  /** The time of the newest event counted (-Infinity before any). */
  get newest(): number {
    return this.newestMs;
  }

  /** The counts, to be saved with the watch's cursor (a restart then goes on with the same windows). */
  state(): WindowCounterState {
    return {
      newestMs: Number.isFinite(this.newestMs) ? this.newestMs : null,
      slots: [...this.slots].map(([key, slots]) => [key, [...slots]]),
    };
  }

  restore(state: WindowCounterState): void {
    this.slots.clear();
    for (const [key, slots] of state.slots) this.slots.set(key, new Map(slots));
    this.newestMs = state.newestMs ?? Number.NEGATIVE_INFINITY;
  }
}

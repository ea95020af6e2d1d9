// Remembers the identities of recently delivered entries, so that an entry reaching the tail twice (live
// and from a backfill after a reconnect) is delivered once. Only a window behind the newest timestamp is
// kept: backfills never reach further back than that window, so older identities can never recur.
import { entryKey, type LokiEntry } from './entry.js';

export class RecentEntries {
  private readonly keys = new Map<string, bigint>();
  private newest: bigint | undefined;
  private sizeAfterPrune = 0;

  /** @param windowNs how far behind the newest timestamp identities are kept */
  constructor(private readonly windowNs: bigint) {}

  /** Newest timestamp admitted so far. */
  get newestTsNs(): bigint | undefined {
    return this.newest;
  }

  /** Oldest timestamp whose identities are still remembered; backfills must not start before it. */
  get horizonNs(): bigint | undefined {
    return this.newest === undefined ? undefined : this.newest - this.windowNs;
  }

  /** Keeps the entries not delivered before and remembers them as delivered. */
  admit(entries: LokiEntry[]): LokiEntry[] {
    const fresh: LokiEntry[] = [];
    for (const e of entries) {
      const key = entryKey(e);
      if (this.keys.has(key)) continue;
      this.keys.set(key, e.tsNs);
      if (this.newest === undefined || e.tsNs > this.newest) this.newest = e.tsNs;
      fresh.push(e);
    }
    // Pruning walks the whole map: do it only when the map has doubled since the last walk.
    if (this.keys.size > 2 * this.sizeAfterPrune + 1000) this.prune();
    return fresh;
  }

  private prune(): void {
    const horizon = this.horizonNs!;
    for (const [key, ts] of this.keys) if (ts < horizon) this.keys.delete(key);
    this.sizeAfterPrune = this.keys.size;
  }
}

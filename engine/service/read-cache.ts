// Answers of panel reads, kept until the watch's stored results change: dashboards and alert rules ask
// the same question many times between two ingest batches, and recomputing a day of volumes for each is
// wasted work. Keyed by the request; a version bump of the watch (commit, reclustering, feedback) makes
// every older answer stale.
export class ReadCache {
  private readonly entries = new Map<string, { version: number; value: unknown }>();

  constructor(private readonly maxEntries = 500) {}

  get<T>(key: string, version: number, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Map order is insertion order: re-insert to mark as recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

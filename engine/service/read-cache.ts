// Answers of panel reads, kept until the watch's stored results change: dashboards and alert rules ask
// the same question many times between two ingest batches, and recomputing a day of volumes for each is
// wasted work. Keyed by the request; a version bump of the watch (commit, reclustering, feedback) makes
// every older answer stale.
//
// An answer is kept from the second time its request is asked at that version. Most panel requests are
// asked once (a relative range moves with every refresh); kept, their tens of kB lived long enough to
// reach the old generation, and collecting them took a quarter of the HTTP thread while 50 dashboards
// asked for days of volumes. Remembering that a request was asked costs only its key.
//
// The same key and version always give the same bytes, so they also name the answer for HTTP
// revalidation (`tag`): a client that sends the tag back gets 304 and no body until the version moves.
import { createHash, randomUUID } from 'node:crypto';

/** Versions start again at each start of the engine: its tags carry this, so none outlives it. */
const BOOT = randomUUID().slice(0, 8);

export class ReadCache {
  private readonly entries = new Map<string, { version: number; value: unknown }>();
  /** Requests asked once, with the version they were asked at. */
  private readonly askedOnce = new Map<string, number>();

  constructor(private readonly maxEntries = 500) {}

  /** An entity tag for the answer of `key` at `version` (opaque; the key is hashed, not shown). */
  tag(key: string, version: number): string {
    return `"${BOOT}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}-${version}"`;
  }

  get<T>(key: string, version: number, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      setRecent(this.entries, key, hit, this.maxEntries);
      return hit.value as T;
    }
    const value = compute();
    if (this.askedOnce.get(key) !== version) {
      this.entries.delete(key);
      setRecent(this.askedOnce, key, version, 10 * this.maxEntries);
      return value;
    }
    this.askedOnce.delete(key);
    setRecent(this.entries, key, { version, value }, this.maxEntries);
    return value;
  }
}

/** Makes `key` the most recent entry of `map` (Map order is insertion order); the oldest go beyond `max`. */
function setRecent<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

// Reads every entry of a LogQL log query over a time range, oldest first, exactly once, in pages of at
// most Loki's per-query entry limit.
//
// Paging: the next page starts at the last timestamp of the page before (start is inclusive), and the
// entries already seen at exactly that timestamp are dropped by identity (stream labels + ts + line).
// When many entries share that timestamp the seen ones fill the head of the next page, so the next
// page asks for `pageLimit + seen` entries: it can then hold every seen entry and still bring
// `pageLimit` new ones. If even Loki's maximum cannot get past one timestamp (a page entirely of one
// timestamp, all seen), that timestamp is read stream by stream (crowded-timestamp.ts).
import { drainCrowdedTimestamp } from './crowded-timestamp.js';
import { entryKey, type LokiEntry } from './entry.js';
import type { LokiHttp } from './http.js';
import { fetchPage } from './query-page.js';

export const LOKI_MAX_LIMIT = 5000;
const HOUR_NS = 3_600_000_000_000n;

export interface QueryRangeOptions {
  /** A LogQL log query (stream selector and optional pipeline); metric queries are refused. */
  query: string;
  /** Inclusive, nanoseconds. */
  startNs: bigint;
  /** Exclusive, nanoseconds. */
  endNs: bigint;
  /** Entries per page. Default and maximum: `maxLimit`. */
  pageLimit?: number;
  /** Loki's max_entries_limit_per_query: no request asks for more. Default 5000. */
  maxLimit?: number;
  /** Long ranges are read in chunks of this length, one after the other. Default 1 h. */
  chunkNs?: bigint;
  signal?: AbortSignal;
}

/** Yields batches of entries in timestamp order; each batch holds at most `pageLimit` entries. */
export async function* queryRange(http: LokiHttp, opts: QueryRangeOptions): AsyncGenerator<LokiEntry[]> {
  const maxLimit = opts.maxLimit ?? LOKI_MAX_LIMIT;
  const pageLimit = Math.min(opts.pageLimit ?? maxLimit, maxLimit);
  const chunkNs = opts.chunkNs ?? HOUR_NS;
  if (!(pageLimit >= 1) || !Number.isInteger(pageLimit)) throw new RangeError(`pageLimit must be a positive integer, not ${opts.pageLimit}`);
  if (chunkNs <= 0n) throw new RangeError('chunkNs must be positive');

  for (let chunkStart = opts.startNs; chunkStart < opts.endNs; chunkStart += chunkNs) {
    const chunkEnd = chunkStart + chunkNs < opts.endNs ? chunkStart + chunkNs : opts.endNs;
    let cursor = chunkStart;
    // Identities of the entries already yielded whose timestamp is exactly `cursor`.
    let seenAtCursor = new Set<string>();
    while (cursor < chunkEnd) {
      if (seenAtCursor.size >= maxLimit) {
        yield* drainCrowdedTimestamp(http, { query: opts.query, tsNs: cursor, seen: seenAtCursor, maxLimit, pageLimit, signal: opts.signal });
        cursor += 1n;
        seenAtCursor = new Set();
        continue;
      }
      const limit = Math.min(maxLimit, pageLimit + seenAtCursor.size);
      const page = await fetchPage(http, opts.query, cursor, chunkEnd, limit, opts.signal);
      const fresh = seenAtCursor.size === 0 ? page : page.filter((e) => e.tsNs !== cursor || !seenAtCursor.has(entryKey(e)));
      for (let i = 0; i < fresh.length; i += pageLimit) yield fresh.slice(i, i + pageLimit);
      if (page.length < limit) break; // Loki had no more in [cursor, chunkEnd)
      const lastTs = page[page.length - 1].tsNs;
      if (lastTs !== cursor) {
        cursor = lastTs;
        seenAtCursor = new Set();
      }
      for (const e of fresh) if (e.tsNs === cursor) seenAtCursor.add(entryKey(e));
    }
  }
}

// Reads every entry of a LogQL log query over a time range exactly once, oldest first (or newest first),
// in pages of at most Loki's per-query entry limit.
//
// Paging: Loki returns the first `limit` entries of the range across all streams, so the next page
// starts at the last timestamp of the page before (the "edge": start is inclusive going forward; going
// backward the next page ends just after it), and the entries already seen at exactly that timestamp
// are dropped by identity (entryKey). When many entries share the edge the seen ones come back with the
// next page, so it asks for `pageLimit + seen` entries: it can then hold every seen entry and still bring
// `pageLimit` new ones. If even Loki's maximum cannot get past one timestamp (a page entirely of one
// timestamp, all seen), that timestamp is read stream by stream (crowded-timestamp.ts).
//
// Loki's maximum is max_entries_limit_per_query (5000 by default). A Loki configured lower refuses larger
// limits with a 400 that names its maximum; the reader then pages within it, and remembers it per client.
import { drainCrowdedTimestamp } from './crowded-timestamp.js';
import { entryKey, type LokiEntry } from './entry.js';
import { LokiError, type LokiHttp } from './http.js';
import { fetchPage } from './query-page.js';
import { splitLogQuery } from './selector.js';

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
  /** Loki's max_entries_limit_per_query: no request asks for more. Default 5000 (or less, once Loki said so). */
  maxLimit?: number;
  /** Long ranges are read in chunks of this length, one after the other. Default 1 h. */
  chunkNs?: bigint;
  /** Oldest first (default) or newest first. */
  direction?: 'forward' | 'backward';
  signal?: AbortSignal;
}

/** The lower max_entries_limit_per_query a Loki answered with, per client. */
const learntMaxLimit = new WeakMap<LokiHttp, number>();

/** Loki's maximum from its refusal, "... limit > max_entries_limit_per_query (5000 > 1000)" (pkg/util/validation/validate.go). */
function maxLimitFrom(err: unknown): number | undefined {
  if (!(err instanceof LokiError) || err.status !== 400) return undefined;
  const m = /max_entries_limit_per_query \((\d+) > (\d+)\)/.exec(err.lokiMessage);
  const max = m ? Number(m[2]) : NaN;
  return max >= 1 ? max : undefined;
}

/** Yields batches of entries in the direction asked; each batch holds at most `pageLimit` entries. */
export async function* queryRange(http: LokiHttp, opts: QueryRangeOptions): AsyncGenerator<LokiEntry[]> {
  splitLogQuery(opts.query); // a metric query is refused here, before any request
  const forward = (opts.direction ?? 'forward') === 'forward';
  let maxLimit = Math.min(opts.maxLimit ?? LOKI_MAX_LIMIT, learntMaxLimit.get(http) ?? Infinity);
  let pageLimit = Math.min(opts.pageLimit ?? maxLimit, maxLimit);
  const chunkNs = opts.chunkNs ?? HOUR_NS;
  if (!(pageLimit >= 1) || !Number.isInteger(pageLimit)) throw new RangeError(`pageLimit must be a positive integer, not ${opts.pageLimit}`);
  if (chunkNs <= 0n) throw new RangeError('chunkNs must be positive');

  for (const [lo, hi] of chunks(opts.startNs, opts.endNs, chunkNs, forward)) {
    // Forward the pages cover [edge, hi), backward [lo, edge + 1).
    let edge = forward ? lo : hi - 1n;
    // Identities of the entries already yielded whose timestamp is exactly `edge`.
    let seenAtEdge = new Set<string>();
    let crowded = false;
    while (forward ? edge < hi : edge >= lo) {
      if (crowded || seenAtEdge.size >= maxLimit) {
        yield* drainCrowdedTimestamp(http, { query: opts.query, tsNs: edge, seen: seenAtEdge, maxLimit, pageLimit, signal: opts.signal });
        edge += forward ? 1n : -1n;
        seenAtEdge = new Set();
        crowded = false;
        continue;
      }
      const limit = Math.min(maxLimit, pageLimit + seenAtEdge.size);
      let page: LokiEntry[];
      try {
        page = await fetchPage(http, opts.query, forward ? edge : lo, forward ? hi : edge + 1n, limit, opts.signal, forward ? 'forward' : 'backward');
      } catch (err) {
        const serverMax = maxLimitFrom(err);
        if (serverMax === undefined || serverMax >= limit) throw err;
        learntMaxLimit.set(http, serverMax);
        maxLimit = serverMax;
        pageLimit = Math.min(pageLimit, maxLimit);
        continue;
      }
      const fresh = seenAtEdge.size === 0 ? page : page.filter((e) => e.tsNs !== edge || !seenAtEdge.has(entryKey(e)));
      for (let i = 0; i < fresh.length; i += pageLimit) yield fresh.slice(i, i + pageLimit);
      if (page.length < limit) break; // Loki had no more in this chunk
      const lastTs = page[page.length - 1].tsNs;
      if (lastTs !== edge) {
        edge = lastTs;
        seenAtEdge = new Set();
      } else if (fresh.length === 0) {
        // A full page of the edge bringing nothing new cannot move: read the edge stream by stream.
        crowded = true;
      }
      for (const e of fresh) if (e.tsNs === edge) seenAtEdge.add(entryKey(e));
    }
  }
}

/** [lo, hi) chunks of the range, oldest first forward, newest first backward. */
function* chunks(startNs: bigint, endNs: bigint, chunkNs: bigint, forward: boolean): Generator<[bigint, bigint]> {
  if (endNs <= startNs) return;
  const last = startNs + ((endNs - 1n - startNs) / chunkNs) * chunkNs;
  for (let lo = forward ? startNs : last; forward ? lo < endNs : lo >= startNs; lo += forward ? chunkNs : -chunkNs) {
    yield [lo, lo + chunkNs < endNs ? lo + chunkNs : endNs];
  }
}

// The rare page that cannot move: more entries share one nanosecond than Loki returns in one request
// (max_entries_limit_per_query), so paging by timestamp would ask for the same page for ever. That
// timestamp is then read one stream at a time: the streams come from /loki/api/v1/series and each is
// queried alone over [ts, ts+1). Only a single stream with more than the limit at one nanosecond is
// beyond reach, and that is reported, never silently cut.
import { entryKey, labelsKey, type Labels, type LokiEntry } from './entry.js';
import type { LokiHttp } from './http.js';
import { fetchPage, nsParam } from './query-page.js';
import { streamSelector, withStreamMatchers } from './selector.js';

export interface CrowdedTimestamp {
  query: string;
  tsNs: bigint;
  /** Identities already yielded at this timestamp; not yielded again. */
  seen: Set<string>;
  maxLimit: number;
  pageLimit: number;
  signal?: AbortSignal;
}

/** Yields the entries at exactly `tsNs` that are not in `seen`, in batches of at most `pageLimit`. */
export async function* drainCrowdedTimestamp(http: LokiHttp, c: CrowdedTimestamp): AsyncGenerator<LokiEntry[]> {
  const series = await http.getJson<{ data?: Labels[] }>(
    '/loki/api/v1/series',
    { 'match[]': streamSelector(c.query), start: nsParam(c.tsNs), end: nsParam(c.tsNs + 1n) },
    { signal: c.signal },
  );
  for (const labels of series.data ?? []) {
    const entries = await fetchPage(http, withStreamMatchers(c.query, labels), c.tsNs, c.tsNs + 1n, c.maxLimit, c.signal);
    if (entries.length >= c.maxLimit) {
      throw new Error(
        `more than ${c.maxLimit} entries of stream ${labelsKey(labels)} share the timestamp ${c.tsNs} ns; ` +
          `Loki returns at most ${c.maxLimit} per request (max_entries_limit_per_query), so they cannot all be read`,
      );
    }
    const fresh = entries.filter((e) => !c.seen.has(entryKey(e)));
    for (const e of fresh) c.seen.add(entryKey(e));
    for (let i = 0; i < fresh.length; i += c.pageLimit) yield fresh.slice(i, i + c.pageLimit);
  }
}

// Reads every entry of a LogsQL query over [start, end), oldest first, exactly once, in pages.
//
// VictoriaLogs has no row cap but returns rows in no particular order, so each page asks for the oldest
// `limit` rows (`| sort by (_time) limit N`, LogsQL.md "sort pipe"). A full page ends with a timestamp
// that may have more rows beyond the page: those are left for the next page, which starts at that
// timestamp (`start` is inclusive, `end` exclusive, to the nanosecond). A page made of one timestamp
// only is read whole with [t, t+1ns) and no limit. Exact duplicates are separate rows in VictoriaLogs
// (unlike Loki) and stay separate entries: counting, not identity, makes each row come once.
import type { LokiEntry } from '../loki/entry.js';
import type { VictoriaLogsHttp } from './http.js';
import { entriesFromBody, formatRfc3339Ns } from './rows.js';

export interface VictoriaLogsRangeOptions {
  /** A LogsQL filter (see logsql.ts for LogQL). */
  query: string;
  /** Inclusive, nanoseconds. */
  startNs: bigint;
  /** Exclusive, nanoseconds. */
  endNs: bigint;
  /** Rows per request. Default 1000. */
  pageLimit?: number;
  signal?: AbortSignal;
}

export async function* readRange(http: VictoriaLogsHttp, opts: VictoriaLogsRangeOptions): AsyncGenerator<LokiEntry[]> {
  const limit = opts.pageLimit ?? 1000;
  if (!(limit >= 1) || !Number.isInteger(limit)) throw new RangeError(`pageLimit must be a positive integer, not ${opts.pageLimit}`);
  let cursor = opts.startNs;
  while (cursor < opts.endNs) {
    const page = await fetchRows(http, `${opts.query} | sort by (_time) limit ${limit}`, cursor, opts.endNs, opts.signal);
    if (page.length < limit) {
      if (page.length > 0) yield page;
      return;
    }
    const lastTs = page[page.length - 1].tsNs;
    if (lastTs === page[0].tsNs) {
      // One timestamp fills the page: read all of it, then go on after it.
      const all = await fetchRows(http, opts.query, lastTs, lastTs + 1n, opts.signal);
      for (let i = 0; i < all.length; i += limit) yield all.slice(i, i + limit);
      cursor = lastTs + 1n;
      continue;
    }
    let cut = page.length;
    while (cut > 0 && page[cut - 1].tsNs === lastTs) cut--;
    yield page.slice(0, cut);
    cursor = lastTs;
  }
}

async function fetchRows(http: VictoriaLogsHttp, query: string, startNs: bigint, endNs: bigint, signal?: AbortSignal): Promise<LokiEntry[]> {
  const body = await http.post('/select/logsql/query', { query, start: formatRfc3339Ns(startNs), end: formatRfc3339Ns(endNs) }, signal);
  const rows = entriesFromBody(body);
  // Sorted by time for the paging above (the answer of a query without the sort pipe is not).
  return rows.sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
}

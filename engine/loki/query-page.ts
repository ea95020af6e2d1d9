// One query_range request: the building block of paging (query-range.ts).
import { CATEGORIZE_LABELS_HEADERS, entriesFromStreams, type LokiEntry, type LokiStreamJson } from './entry.js';
import type { LokiHttp } from './http.js';

interface QueryRangeResponse {
  status?: string;
  data?: { resultType?: string; result?: LokiStreamJson[] };
}

/**
 * A timestamp as a query parameter that Loki reads as nanoseconds. Loki reads an integer of at most 10
 * characters as SECONDS (pkg/loghttp/params.go, parseTimestamp), so a time before 1970-01-01T00:00:10Z
 * written plainly would be read 10⁹ times too late; zero-padded to 11 digits it stays nanoseconds.
 */
export function nsParam(ns: bigint): string {
  const digits = (ns < 0n ? -ns : ns).toString().padStart(11, '0');
  return ns < 0n ? `-${digits}` : digits;
}

/**
 * The first `limit` entries in [startNs, endNs) in the direction asked: oldest first forward (the
 * default), newest first backward.
 */
export async function fetchPage(
  http: LokiHttp,
  query: string,
  startNs: bigint,
  endNs: bigint,
  limit: number,
  signal?: AbortSignal,
  direction: 'forward' | 'backward' = 'forward',
): Promise<LokiEntry[]> {
  const res = await http.getJson<QueryRangeResponse>(
    '/loki/api/v1/query_range',
    { query, start: nsParam(startNs), end: nsParam(endNs), limit, direction },
    { signal, headers: CATEGORIZE_LABELS_HEADERS },
  );
  const type = res.data?.resultType;
  if (type !== 'streams') {
    throw new Error(`query_range returned ${type ?? 'nothing'} instead of log lines; is this a metric query? ${query}`);
  }
  const entries = entriesFromStreams(res.data?.result);
  return direction === 'forward' ? entries : entries.reverse();
}

// One forward query_range request: the building block of paging (query-range.ts).
import { CATEGORIZE_LABELS_HEADERS, entriesFromStreams, type LokiEntry, type LokiStreamJson } from './entry.js';
import type { LokiHttp } from './http.js';

interface QueryRangeResponse {
  status?: string;
  data?: { resultType?: string; result?: LokiStreamJson[] };
}

/** The first `limit` entries in [startNs, endNs), in timestamp order. */
export async function fetchPage(
  http: LokiHttp,
  query: string,
  startNs: bigint,
  endNs: bigint,
  limit: number,
  signal?: AbortSignal,
): Promise<LokiEntry[]> {
  const res = await http.getJson<QueryRangeResponse>(
    '/loki/api/v1/query_range',
    { query, start: startNs, end: endNs, limit, direction: 'forward' },
    { signal, headers: CATEGORIZE_LABELS_HEADERS },
  );
  const type = res.data?.resultType;
  if (type !== 'streams') {
    throw new Error(`query_range returned ${type ?? 'nothing'} instead of log lines; is this a metric query? ${query}`);
  }
  return entriesFromStreams(res.data?.result);
}

// Pushes entries to Loki (/loki/api/v1/push, JSON) in batches bounded by entry count and body size, for
// the replayer and for tests. Structured metadata travels as the third element of a value.
//
// A batch Loki (or a proxy in front of it, such as nginx with its 1 MB client_max_body_size) refuses as
// too large (413: nothing of it was stored) is split in halves until each half fits; a single entry that
// still does not fit is reported with its stream and timestamp.
import { labelsKey, type Labels } from './entry.js';
import { LokiError, type LokiHttp } from './http.js';

export interface PushEntry {
  stream: Labels;
  /** Nanoseconds since the Unix epoch. */
  tsNs: bigint;
  line: string;
  structuredMetadata?: Labels;
}

export interface PushOptions {
  /** Entries per request. Default 1000. */
  batchEntries?: number;
  /** Approximate body size per request. Default 1 MiB; larger bodies that Loki refuses (413) are split. */
  batchBytes?: number;
  signal?: AbortSignal;
}

export interface PushResult {
  entries: number;
  /** Requests Loki accepted. */
  requests: number;
}

/** Pushes every entry, in order, in as many requests as the batch bounds need. */
export async function push(http: LokiHttp, entries: Iterable<PushEntry> | AsyncIterable<PushEntry>, opts: PushOptions = {}): Promise<PushResult> {
  const maxEntries = opts.batchEntries ?? 1000;
  const maxBytes = opts.batchBytes ?? 1 << 20;
  const result: PushResult = { entries: 0, requests: 0 };
  let batch: PushEntry[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    result.requests += await pushSplitting(http, batch, opts.signal);
    result.entries += batch.length;
    batch = [];
    bytes = 0;
  };
  for await (const e of entries) {
    const size = approximateSize(e);
    if (batch.length >= maxEntries || (batch.length > 0 && bytes + size > maxBytes)) await flush();
    batch.push(e);
    bytes += size;
  }
  await flush();
  return result;
}

/** Pushes these entries, grouped by stream, in one request (more when Loki finds it too large). */
export async function pushBatch(http: LokiHttp, entries: PushEntry[], signal?: AbortSignal): Promise<void> {
  await pushSplitting(http, entries, signal);
}

/** One request, or halves of it after a 413; resolves to the number of requests Loki accepted. */
async function pushSplitting(http: LokiHttp, entries: PushEntry[], signal?: AbortSignal): Promise<number> {
  try {
    await http.request('/loki/api/v1/push', { method: 'POST', contentType: 'application/json', body: pushBody(entries), signal });
    return 1;
  } catch (err) {
    if (!(err instanceof LokiError) || err.status !== 413) throw err;
    if (entries.length === 1) {
      const [e] = entries;
      err.message += `; one entry alone is too large to push (stream ${labelsKey(e.stream)}, ${e.tsNs} ns, ${Buffer.byteLength(e.line)} bytes)`;
      throw err;
    }
    const half = Math.ceil(entries.length / 2);
    return (await pushSplitting(http, entries.slice(0, half), signal)) + (await pushSplitting(http, entries.slice(half), signal));
  }
}

/** The JSON push body: {"streams":[{"stream":{..},"values":[["<ns>","<line>",{metadata}]]}]}. */
export function pushBody(entries: PushEntry[]): string {
  const streams = new Map<string, { stream: Labels; values: unknown[][] }>();
  for (const e of entries) {
    const key = labelsKey(e.stream);
    let s = streams.get(key);
    if (!s) streams.set(key, (s = { stream: e.stream, values: [] }));
    const metadata = e.structuredMetadata;
    s.values.push(metadata && Object.keys(metadata).length > 0 ? [String(e.tsNs), e.line, metadata] : [String(e.tsNs), e.line]);
  }
  return JSON.stringify({ streams: [...streams.values()] });
}

function approximateSize(e: PushEntry): number {
  let size = e.line.length + 40;
  for (const [k, v] of Object.entries(e.structuredMetadata ?? {})) size += k.length + v.length + 6;
  return size;
}

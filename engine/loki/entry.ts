// One log entry as Loki returns it from query_range, decoded from the JSON that Loki writes when
// asked for `X-Loki-Response-Encoding-Flags: categorize-labels` (pkg/util/marshal/query.go, encodeStream):
//   { "stream": {stream labels}, "values": [["<ns>", "<line>", {"structuredMetadata": {..}, "parsed": {..}}]] }
// Without the flag (older Loki) values are ["<ns>", "<line>"] and everything sits in `stream`.

/** Asks Loki to return structured metadata and parsed labels apart from the stream labels. */
export const CATEGORIZE_LABELS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Loki-Response-Encoding-Flags': 'categorize-labels',
});

export type Labels = Record<string, string>;

export interface LokiEntry {
  /** Nanoseconds since the Unix epoch. */
  tsNs: bigint;
  line: string;
  /** Indexed stream labels only. */
  stream: Labels;
  structuredMetadata: Labels;
  /** Labels extracted by the query's parser stages (json, logfmt, ...). */
  parsed: Labels;
}

export interface LokiStreamJson {
  stream?: Labels;
  values?: unknown[][];
}

const emptyLabels: Labels = Object.freeze({}) as Labels;

/** Flattens Loki's streams into entries ordered by timestamp (stable within a stream). */
export function entriesFromStreams(streams: LokiStreamJson[] | undefined): LokiEntry[] {
  const out: LokiEntry[] = [];
  for (const s of streams ?? []) {
    const stream = s.stream ?? {};
    for (const v of s.values ?? []) out.push(entryFromValue(stream, v));
  }
  return out.sort(compareEntries);
}

function entryFromValue(stream: Labels, value: unknown[]): LokiEntry {
  const [ts, line, extra] = value;
  if (typeof ts !== 'string' || typeof line !== 'string') {
    throw new Error(`unexpected Loki entry: ${JSON.stringify(value).slice(0, 200)}`);
  }
  const categories = (extra ?? {}) as { structuredMetadata?: Labels; parsed?: Labels };
  return {
    tsNs: BigInt(ts),
    line,
    stream,
    structuredMetadata: categories.structuredMetadata ?? emptyLabels,
    parsed: categories.parsed ?? emptyLabels,
  };
}

export function compareEntries(a: LokiEntry, b: LokiEntry): number {
  return a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0;
}

/** Canonical text of a label set (sorted keys), as Loki prints a selector. */
export function labelsKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

// Entries of one stream share one labels object; key it once.
const streamKeys = new WeakMap<Labels, string>();

/**
 * An entry's identity: stream labels, timestamp, line and structured metadata. Loki drops a pushed entry
 * that repeats all four (pkg/chunkenc/unordered.go, unorderedHeadBlock.Append; docs
 * get-started/components/#timestamp-ordering) and keeps one that differs in any, so two entries with one
 * identity are one entry seen twice (on a page boundary), and two that differ only by their structured
 * metadata are two entries. Parsed labels are not part of it: they come from the query, not the entry.
 */
export function entryKey(e: LokiEntry): string {
  let stream = streamKeys.get(e.stream);
  if (stream === undefined) streamKeys.set(e.stream, (stream = labelsKey(e.stream)));
  // Without metadata the key is what it was before metadata counted, so identities stored in watch
  // cursors stay valid. With metadata, \u0001 after the timestamp keeps the two forms from colliding
  // (labelsKey escapes control characters, so only the line can hold a raw \u0000 or \u0001).
  if (Object.keys(e.structuredMetadata).length === 0) return `${stream}\u0000${e.tsNs}\u0000${e.line}`;
  return `${stream}\u0000${e.tsNs}\u0001${labelsKey(e.structuredMetadata)}\u0000${e.line}`;
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

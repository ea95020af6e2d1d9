// VictoriaLogs' query answer: JSON lines, one per log entry, with `_msg`, `_time` (RFC3339, UTC, up to
// nanoseconds), `_stream` (the stream's labels as `{k="v",...}`), `_stream_id` and every other field
// (docs/victorialogs/querying/README.md "Querying logs"; keyConcepts.md "Data model"). Turned into the
// engine's entries: stream labels apart from the other fields, which play Loki's structured metadata.
import type { Labels, LokiEntry } from '../loki/entry.js';

const emptyLabels: Labels = Object.freeze({}) as Labels;
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Nanoseconds since the epoch of an RFC3339 time with up to nine fraction digits. */
export function parseRfc3339Ns(text: string): bigint {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`VictoriaLogs answered a time that is not RFC3339: ${JSON.stringify(text)}`);
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) throw new Error(`VictoriaLogs answered an invalid time: ${JSON.stringify(text)}`);
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** RFC3339 in UTC with all nine fraction digits, as VictoriaLogs' `start` and `end` accept it. */
export function formatRfc3339Ns(ns: bigint): string {
  const secs = ns >= 0n ? ns / 1_000_000_000n : (ns - 999_999_999n) / 1_000_000_000n;
  const frac = ns - secs * 1_000_000_000n;
  const iso = new Date(Number(secs * 1000n)).toISOString().slice(0, 19);
  return `${iso}.${frac.toString().padStart(9, '0')}Z`;
}

/** The labels of a `_stream` value, e.g. `{host="a",job="ssh \\"x\\""}`. */
export function parseStreamLabels(text: string): Labels {
  const out: Labels = {};
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const pair = /\s*([^=,\s"]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;
  let m: RegExpExecArray | null;
  while ((m = pair.exec(inner)) !== null) out[m[1]] = JSON.parse(`"${m[2]}"`) as string;
  return out;
}

/** One JSON line of the answer as an entry. */
export function entryFromRow(row: Record<string, unknown>): LokiEntry {
  const time = row._time;
  if (typeof time !== 'string') throw new Error(`VictoriaLogs row without _time: ${JSON.stringify(row).slice(0, 200)}`);
  const stream = typeof row._stream === 'string' ? parseStreamLabels(row._stream) : {};
  let metadata: Labels | undefined;
  for (const [k, v] of Object.entries(row)) {
    if (k === '_msg' || k === '_time' || k === '_stream' || k === '_stream_id' || k in stream) continue;
    (metadata ??= {})[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return {
    tsNs: parseRfc3339Ns(time),
    line: typeof row._msg === 'string' ? row._msg : '',
    stream,
    structuredMetadata: metadata ?? emptyLabels,
    parsed: emptyLabels,
  };
}

/** Every JSON line of an answer body. */
export function entriesFromBody(body: string): LokiEntry[] {
  const out: LokiEntry[] = [];
  for (const line of body.split('\n')) {
    if (line.length === 0) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`VictoriaLogs answered a line that is not JSON: ${line.slice(0, 200)}`);
    }
    out.push(entryFromRow(row as Record<string, unknown>));
  }
  return out;
}

// Turns recorded events into Loki push entries with realistic timing: the recorded gaps between lines
// are kept (divided by the speed), the whole set is moved so that it ends now (speed "max": pushed at
// once, back-dated) or plays from now on (speed N: each line stamped and pushed when its time comes).
// Timestamps are made unique per stream, because Loki silently drops an entry that repeats the
// stream, timestamp and line of another: every line read is a line Loki keeps.
import type { LogEvent } from '../events/event.js';
import type { Labels } from '../loki/entry.js';
import type { PushEntry } from '../loki/push.js';

/** Gap assumed between lines that carry no timestamp. */
export const DEFAULT_GAP_MS = 100;

export interface PlannedEntry extends PushEntry {
  /** Milliseconds after the start of the replay when this entry is due (0 for speed max). */
  dueMs: number;
}

export interface ReplayPlanOptions {
  baseLabels: Labels;
  /** "max" or a factor (2 = twice as fast as recorded). */
  speed: 'max' | number;
  /** Wall clock at the start, ms. */
  nowMs: number;
}

/** Label names Loki accepts: [a-zA-Z_][a-zA-Z0-9_]*. */
export function lokiLabelName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

/** Event times in ms, in input order, with missing or backward times filled in from the line before. */
export function recordedTimes(events: LogEvent[]): number[] {
  const out: number[] = [];
  let prev: number | undefined;
  for (const e of events) {
    let t = e.timestampNs !== undefined ? Number(e.timestampNs / 1_000_000n) : undefined;
    if (t === undefined) t = prev === undefined ? 0 : prev + DEFAULT_GAP_MS;
    if (prev !== undefined && t < prev) t = prev;
    out.push(t);
    prev = t;
  }
  return out;
}

export function planReplay(events: LogEvent[], opts: ReplayPlanOptions): PlannedEntry[] {
  const times = recordedTimes(events);
  if (times.length === 0) return [];
  const first = times[0];
  const last = times[times.length - 1];
  const lastTs = new Map<string, bigint>();
  return events.map((e, i) => {
    const stream: Labels = {};
    for (const [k, v] of Object.entries(e.labels)) stream[lokiLabelName(k)] = v;
    Object.assign(stream, opts.baseLabels);
    let dueMs: number;
    let tsMs: number;
    if (opts.speed === 'max') {
      dueMs = 0;
      tsMs = opts.nowMs - (last - times[i]);
    } else {
      dueMs = (times[i] - first) / opts.speed;
      tsMs = opts.nowMs + dueMs;
    }
    return { stream, line: e.raw, tsNs: uniqueTs(lastTs, stream, BigInt(Math.round(tsMs)) * 1_000_000n), dueMs };
  });
}

/** A timestamp later than any earlier one of the same stream. */
export function uniqueTs(lastTs: Map<string, bigint>, stream: Labels, tsNs: bigint): bigint {
  const key = JSON.stringify(Object.entries(stream).sort());
  const prev = lastTs.get(key);
  const ts = prev !== undefined && tsNs <= prev ? prev + 1n : tsNs;
  lastTs.set(key, ts);
  return ts;
}

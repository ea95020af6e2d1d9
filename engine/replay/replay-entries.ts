// The whole replay: recorded events planned in time, anomalies added at 80% of the timeline, and every
// timestamp made unique per stream (in time order) so Loki keeps every line.
import type { LogEvent } from '../events/event.js';
import type { Labels } from '../loki/entry.js';
import { anomalyLines, mostCommonLine, type AnomalyKind } from './anomalies.js';
import { planReplay, uniqueTs, type PlannedEntry } from './replay-plan.js';

export interface ReplayEntries {
  entries: PlannedEntry[];
  injected: Partial<Record<AnomalyKind, number>>;
}

export function replayEntries(events: LogEvent[], opts: { baseLabels: Labels; speed: 'max' | number; nowMs: number; inject: AnomalyKind[] }): ReplayEntries {
  const planned = planReplay(events, opts);
  const injected: Partial<Record<AnomalyKind, number>> = {};
  const anchor = planned.length > 0 ? planned[Math.floor(planned.length * 0.8)] : { dueMs: 0, tsNs: BigInt(opts.nowMs) * 1_000_000n };
  const common = mostCommonLine(events.map((e) => e.raw));
  for (const kind of opts.inject) {
    const lines = anomalyLines(kind, common);
    const span = Math.max(...lines.map((l) => l.offsetMs));
    // Speed max: back-dated, and never later than now. Otherwise: played live from the anchor's due time.
    const startMs = opts.speed === 'max' ? Math.min(Number(anchor.tsNs / 1_000_000n), opts.nowMs - span - 1000) : opts.nowMs + anchor.dueMs;
    for (const l of lines) {
      planned.push({
        stream: { ...l.labels, ...opts.baseLabels },
        line: l.line,
        tsNs: BigInt(Math.round(startMs + l.offsetMs)) * 1_000_000n,
        dueMs: opts.speed === 'max' ? 0 : anchor.dueMs + l.offsetMs,
      });
    }
    injected[kind] = (injected[kind] ?? 0) + lines.length;
  }
  planned.sort((a, b) => a.dueMs - b.dueMs || (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
  const lastTs = new Map<string, bigint>();
  for (const e of planned) e.tsNs = uniqueTs(lastTs, e.stream, e.tsNs);
  return { entries: planned, injected };
}

import type { Canonicalizer } from '../canonical/types.js';
import type { LogEvent } from '../events/event.js';
import { PatternTable } from '../patterns/pattern-table.js';
import type { Pattern } from '../patterns/pattern.js';
import { UnparsedTally } from '../patterns/unparsed-tally.js';
import type { EventSpool } from './event-spool.js';
import { eventFields } from './replayed-event.js';
import { TimeSample } from './time-bins.js';

/** Metadata columns the report carries at most; more distinct names are counted, not written. */
export const MAX_META_COLUMNS = 32;

/** The first event of a pattern, kept whole: the per-pattern projector rows show it. */
export interface FirstEvent {
  raw: string;
  fields: Record<string, string>;
}

/** Everything the first reading pass learns; events themselves are not kept. */
export interface PatternPass {
  table: PatternTable;
  /** Templates in order of first appearance (those merged into others during the pass are gone). */
  patterns: Pattern[];
  firstEvents: FirstEvent[];
  /** Per event, in input order: the index of its pattern in `patterns`. */
  eventPattern: Int32Array;
  events: number;
  /** Names of metadata fields seen (labels and metadata), in order of first appearance. */
  columns: string[];
  droppedColumns: number;
  /** Events that could not be canonicalized or templated (counted under UNPARSED_CANONICAL), and the first reason. */
  unparsed: number;
  firstFailure?: string;
  /** Event time range in ms, over the events that have one (NaN when none do). */
  minMs: number;
  maxMs: number;
  /** A bounded sample of the event times, for the chart's span without far outliers. */
  timeSample: TimeSample;
  timedEvents: number;
  /** Milliseconds spent waiting for the reader, and canonicalizing and counting. */
  readMs: number;
  canonicalMs: number;
}

export interface PatternPassOptions {
  /** Copies each event for a second pass (standard input, which cannot be read twice). */
  spool?: EventSpool;
  onProgress?: (events: number, patterns: number) => void;
}

/**
 * Reads every event once: canonicalize, count under its pattern, remember the pattern of each event
 * in a compact Int32Array (4 bytes per event), the first event of each pattern, the metadata columns
 * and the time range. Memory grows with distinct patterns, not with events.
 */
export async function patternPass(batches: AsyncIterable<LogEvent[]>, canonicalizer: Canonicalizer, options: PatternPassOptions = {}): Promise<PatternPass> {
  const table = new PatternTable();
  const firstEvents = new Map<number, FirstEvent>();
  const columnSet = new Set<string>();
  const dropped = new Set<string>();
  let eventPattern = new Int32Array(1 << 16);
  let events = 0;
  let minMs = Infinity;
  let maxMs = -Infinity;
  const timeSample = new TimeSample();
  let timedEvents = 0;
  let readMs = 0;
  let canonicalMs = 0;
  const unparsed = new UnparsedTally();
  const iterator = batches[Symbol.asyncIterator]();
  for (;;) {
    const t0 = performance.now();
    const next = await iterator.next();
    const t1 = performance.now();
    readMs += t1 - t0;
    if (next.done) break;
    const batch = next.value;
    if (events + batch.length > eventPattern.length) {
      const grown = new Int32Array(Math.max(eventPattern.length * 2, events + batch.length));
      grown.set(eventPattern);
      eventPattern = grown;
    }
    for (const event of batch) {
      // A fixed clock for events without a time, so PatternTable never reads the clock per line.
      const { pattern, isNew, failure } = table.add(event, canonicalizer.canonicalize(event.text), 0n);
      unparsed.note(event, failure);
      if (isNew) firstEvents.set(pattern.key, { raw: event.raw, fields: eventFields(event) });
      // The key for now: a template merged later in the pass is resolved at the end.
      eventPattern[events++] = pattern.key;
      if (event.timestampNs !== undefined) {
        const ms = Number(event.timestampNs / 1_000_000n);
        if (ms < minMs) minMs = ms;
        if (ms > maxMs) maxMs = ms;
        timeSample.add(ms);
        timedEvents++;
      }
      for (const name in event.metadata) noteColumn(name, columnSet, dropped);
      for (const name in event.labels) noteColumn(name, columnSet, dropped);
      options.spool?.add(event);
    }
    canonicalMs += performance.now() - t1;
    options.onProgress?.(events, table.size);
  }
  options.spool?.finish();
  // Templates in key order (the order they appeared); each event's key resolved to the template it
  // ended in and turned into an index.
  const patterns = [...table.all()].sort((a, b) => a.key - b.key);
  const indexOfKey = new Map(patterns.map((p, i) => [p.key, i]));
  const eventIndexes = eventPattern.subarray(0, events);
  const resolved = new Map<number, number>();
  for (let i = 0; i < events; i++) {
    const key = eventIndexes[i];
    let index = resolved.get(key);
    if (index === undefined) resolved.set(key, (index = indexOfKey.get(table.resolveKey(key))!));
    eventIndexes[i] = index;
  }
  return {
    table,
    patterns,
    firstEvents: patterns.map((p) => firstEvents.get(p.key)!),
    eventPattern: eventIndexes,
    events,
    columns: [...columnSet],
    droppedColumns: dropped.size,
    ...unparsed.summary(),
    minMs: timedEvents > 0 ? minMs : NaN,
    maxMs: timedEvents > 0 ? maxMs : NaN,
    timeSample,
    timedEvents,
    readMs,
    canonicalMs,
  };
}

function noteColumn(name: string, columns: Set<string>, dropped: Set<string>): void {
  if (columns.has(name)) return;
  if (columns.size < MAX_META_COLUMNS) columns.add(name);
  else dropped.add(name);
}

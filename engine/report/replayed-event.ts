import type { LogEvent } from '../events/event.js';

/** What the report needs of an event on its second pass: the line, its time and its metadata fields. */
export interface ReplayedEvent {
  raw: string;
  timestampNs?: bigint;
  /** Stream labels and metadata in one record (metadata wins on a name clash). */
  fields: Record<string, string>;
  seq: number;
}

export function eventFields(event: Pick<LogEvent, 'labels' | 'metadata'>): Record<string, string> {
  const hasLabels = Object.keys(event.labels).length > 0;
  return hasLabels ? { ...event.labels, ...event.metadata } : event.metadata;
}

export function replayedEvent(event: LogEvent): ReplayedEvent {
  return { raw: event.raw, timestampNs: event.timestampNs, fields: eventFields(event), seq: event.seq };
}

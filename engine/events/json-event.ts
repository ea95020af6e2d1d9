/**
 * One parsed JSON object to a LogEvent: which key is the message, which the time, the rest metadata.
 */
import type { LogEvent } from './event.js';
import { jsonDepthAtMost, MAX_JSON_DEPTH } from './json-depth.js';
import { flattenJson, isEmptyMessage, keyValueText, scalarText, valueAtPath } from './fields.js';
import type { LineWarner, ReaderOptions } from './options.js';
import type { TimeZoneRule } from './civil-time.js';
import { parseTimestampNs } from './timestamps.js';

export const DEFAULT_MESSAGE_KEYS = ['message', 'msg', 'log', 'text', 'content', 'event', '_raw'];
export const DEFAULT_TIMESTAMP_KEYS = ['@timestamp', 'timestamp', 'time', 'date', 'ts'];

export class JsonEventBuilder {
  private readonly messageKey: string | undefined;
  private readonly timeKey: string | undefined;
  private readonly timeKeys: readonly string[];
  private messageKeyWarned = false;
  private timeKeyWarned = false;

  constructor(
    private readonly options: ReaderOptions,
    private readonly warn: LineWarner,
  ) {
    this.messageKey = options.messageKey ?? (typeof options.textCol === 'string' ? options.textCol : undefined);
    this.timeKey = typeof options.tsCol === 'string' ? options.tsCol : undefined;
    this.timeKeys = options.jsonTsKeys ?? DEFAULT_TIMESTAMP_KEYS;
  }

  /**
   * The event of a parsed object, whose source text is `raw`. With `compactRaw` the event's raw is the
   * object re-serialized on one line (elements split out of an array or pretty-printed input). One hostile
   * record never stops its batch: an object nested deeper than MAX_JSON_DEPTH (too deep to walk or
   * serialize), or one whose reading fails, becomes a text event of its source, with a warning.
   */
  fromObject(obj: Record<string, unknown>, raw: string, seq: number, compactRaw = false): LogEvent {
    if (!jsonDepthAtMost(obj)) {
      this.warn(seq, `JSON nested deeper than ${MAX_JSON_DEPTH} levels: kept as text`);
      return this.fromText(raw, raw, seq);
    }
    try {
      return this.objectEvent(obj, compactRaw ? JSON.stringify(obj) : raw, seq);
    } catch (err) {
      this.warn(seq, `could not read this JSON object (${err instanceof Error ? err.message : String(err)}): kept as text`);
      return this.fromText(raw, raw, seq);
    }
  }

  private objectEvent(obj: Record<string, unknown>, raw: string, seq: number): LogEvent {
    const fields = flattenJson(obj);
    const messageKey = this.findMessageKey(obj, seq);
    let text: string;
    let metadata: Record<string, string>;
    if (messageKey === undefined) {
      text = keyValueText(fields);
      metadata = Object.fromEntries(fields);
    } else {
      text = scalarText(valueAtPath(obj, messageKey));
      const nested = `${messageKey}.`;
      metadata = {};
      for (const [key, value] of fields) {
        if (key !== messageKey && !key.startsWith(nested)) metadata[key] = value;
      }
    }
    // NUL bytes are removed from raw input; NULs written as \u0000 escapes get the same treatment here.
    if (raw.includes('\\u0000')) {
      text = text.replaceAll('\0', '');
      for (const key of Object.keys(metadata)) metadata[key] = metadata[key].replaceAll('\0', '');
      this.warn(seq, 'NUL character(s) (\\u0000) removed');
    }
    const event: LogEvent = { raw, text, labels: {}, metadata, seq, origin: this.options.origin };
    const timestampNs = this.timeOf(obj, seq);
    if (timestampNs !== undefined) event.timestampNs = timestampNs;
    return event;
  }

  /** A line or value that is not a JSON object: its text is the message. */
  fromText(text: string, raw: string, seq: number): LogEvent {
    return { raw, text, labels: {}, metadata: {}, seq, origin: this.options.origin };
  }

  private findMessageKey(obj: Record<string, unknown>, seq: number): string | undefined {
    if (this.messageKey !== undefined) {
      if (hasText(valueAtPath(obj, this.messageKey))) return this.messageKey;
      if (!this.messageKeyWarned) {
        this.messageKeyWarned = true;
        this.warn(seq, `no message under key ${JSON.stringify(this.messageKey)}: all fields used as text (further ones are not reported)`);
      }
      return undefined;
    }
    for (const wanted of DEFAULT_MESSAGE_KEYS) {
      if (hasText(obj[wanted])) return wanted;
    }
    // Then the same names in any case (Windows events have `Message`).
    for (const key of Object.keys(obj)) {
      if (DEFAULT_MESSAGE_KEYS.includes(key.toLowerCase()) && hasText(obj[key])) return key;
    }
    return undefined;
  }

  private timeOf(obj: Record<string, unknown>, seq: number): bigint | undefined {
    if (this.timeKey !== undefined) {
      const value = valueAtPath(obj, this.timeKey);
      const ns = toTimestampNs(value, this.options.zone);
      if (ns === undefined && value !== undefined && value !== null && !this.timeKeyWarned) {
        this.timeKeyWarned = true;
        this.warn(seq, `${JSON.stringify(value)} under key ${this.timeKey} is not a recognized timestamp (further ones are not reported)`);
      }
      return ns;
    }
    for (const key of this.timeKeys) {
      const ns = toTimestampNs(valueAtPath(obj, key), this.options.zone);
      if (ns !== undefined) return ns;
    }
    return undefined;
  }
}

function toTimestampNs(value: unknown, zone: TimeZoneRule | undefined): bigint | undefined {
  return typeof value === 'string' || typeof value === 'number' ? parseTimestampNs(value, zone) : undefined;
}

function hasText(value: unknown): boolean {
  return value !== undefined && value !== null && !isEmptyMessage(scalarText(value));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

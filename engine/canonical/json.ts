import type { CanonicalBuilder } from './output.js';
import type { Scanner } from './scanner.js';
import { classifyKey } from './keys.js';
import { emitValue } from './keyvalue.js';
import { jsonDepthAtMost } from '../events/json-depth.js';

/**
 * Parses `text` when it is one JSON object (`{...}`) nested at most MAX_JSON_DEPTH levels, else undefined
 * (a deeper one is scanned as text: writing it would recurse once per level). Cheap for everything else.
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let from = 0;
  let to = text.length - 1;
  while (from <= to && text.charCodeAt(from) <= 32) from++;
  if (text.charCodeAt(from) !== 123) return undefined;
  while (to > from && text.charCodeAt(to) <= 32) to--;
  if (text.charCodeAt(to) !== 125) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && jsonDepthAtMost(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a parsed JSON value compactly, keys in their order, values masked as in `key=value` text: the
 * key decides for high-cardinality fields, the value's shape for the rest, strings of several words are
 * canonicalized word by word.
 */
export function writeJson(value: unknown, key: string | undefined, scanner: Scanner, out: CanonicalBuilder): void {
  if (value === null || typeof value === 'boolean') {
    out.append(String(value));
  } else if (typeof value === 'number') {
    const text = String(value);
    emitValue(scanner, out, key === undefined ? undefined : classifyKey(key), text, text, '');
  } else if (typeof value === 'string') {
    emitValue(scanner, out, key === undefined ? undefined : classifyKey(key), value, JSON.stringify(value), '"');
  } else if (Array.isArray(value)) {
    out.append('[');
    value.forEach((item, i) => {
      if (i > 0) out.append(',');
      writeJson(item, key, scanner, out);
    });
    out.append(']');
  } else if (typeof value === 'object') {
    out.append('{');
    let first = true;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!first) out.append(',');
      first = false;
      out.append(`${JSON.stringify(k)}:`);
      writeJson(v, k, scanner, out);
    }
    out.append('}');
  } else {
    out.append(String(value));
  }
}

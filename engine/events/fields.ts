/**
 * Field helpers shared by the CSV and JSON readers: the `key=value` text form and JSON flattening.
 */

/**
 * The text of a record that has no message field: `key=value` pairs in field order joined by single
 * spaces, values trimmed, empty ones left out. This is macro2micro's text form (as in
 * `merged_events.txt`); values are not quoted, so it is for reading and embedding, not for parsing back.
 */
export function keyValueText(pairs: ReadonlyArray<readonly [string, string]>): string {
  let out = '';
  for (const [key, value] of pairs) out = appendPair(out, key, value);
  return out;
}

/** The same for parallel arrays of names and values (CSV header and record); extra values are `col<i>`. */
export function columnsText(names: readonly string[], values: readonly string[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out = appendPair(out, names[i] ?? `col${i}`, values[i]);
  return out;
}

function appendPair(out: string, key: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) return out;
  return out.length === 0 ? `${key}=${trimmed}` : `${out} ${key}=${trimmed}`;
}

const NON_BLANK = /\S/;

/** True for a string of whitespace only (without allocating a trimmed copy). */
export function isBlank(value: string): boolean {
  return !NON_BLANK.test(value);
}

/**
 * True when a message field says nothing: empty, blank, or the `-` that many exporters write for "no
 * value" (all the OCSF samples have `message` = `-`). Such records use the `key=value` text instead.
 */
export function isEmptyMessage(value: string): boolean {
  return isBlank(value) || value.trim() === '-';
}

/**
 * Scalar leaves of a JSON value as [dotted key, string] pairs in document order. Nested objects add
 * `parent.child` keys; arrays are kept whole as compact JSON (their items rarely make sense as separate
 * fields); null and empty strings are left out.
 */
export function flattenJson(value: unknown, prefix = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (value === null || value === undefined) return out;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      flattenJson(child, prefix ? `${prefix}.${key}` : key, out);
    }
    return out;
  }
  const text = scalarText(value);
  if (text !== '') out.push([prefix, text]);
  return out;
}

/** A JSON value as message text: strings as they are, containers as compact JSON. */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The value at `path` in a parsed JSON object. A key that itself contains dots (`dataSource.name`, common
 * in exported logs) wins over descending into nested objects.
 */
export function valueAtPath(obj: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(obj, path)) return obj[path];
  const dot = path.indexOf('.');
  if (dot === -1) return undefined;
  // Try every split point so that `a.b.c` finds {"a": {"b.c": 1}} as well as {"a.b": {"c": 1}}.
  for (let cut = dot; cut !== -1; cut = path.indexOf('.', cut + 1)) {
    const head = path.slice(0, cut);
    const child = obj[head];
    if (Object.hasOwn(obj, head) && child !== null && typeof child === 'object' && !Array.isArray(child)) {
      const found = valueAtPath(child as Record<string, unknown>, path.slice(cut + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Lower-cased with spaces, `_` and `-` removed, so `Raw log`, `raw_log` and `RawLog` compare equal. */
export function normalizeFieldName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

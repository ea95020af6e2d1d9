import type { CanonicalBuilder } from './output.js';
import type { RuleMatch, Scanner } from './scanner.js';
import { classifyKey, type KeyClass } from './keys.js';
import { emitIp, isPlainNumber, masksNumber, statusClass } from './handlers.js';

const PLACEHOLDER: Record<KeyClass, string> = {
  user: '<USER>',
  host: '<HOST>',
  ip: '<IP>',
  port: '<PORT>',
  mac: '<MAC>',
  email: '<EMAIL>',
  useragent: '<UA>',
  id: '<ID>',
  time: '<TS>',
  path: '<PATH>',
  url: '<URL>',
  status: '<NUM>',
  code: '<NUM>',
};

/** Keys whose value is masked as the key's kind whatever it looks like. */
const STRONG = new Set<KeyClass>(['user', 'host', 'ip', 'port', 'mac', 'email', 'useragent']);

/** Single-token values longer than this are ids, hashes or blobs rather than words. */
export const LONG_VALUE = 24;

/** A user or host value goes on over capitalized words (`Jeff Leatherman`) when a key or the end follows. */
const NAME_CONTINUATION = /(?:[ \t]+[A-Z0-9][^\s=]*)+(?=[ \t]+[A-Za-z_@][\w.\-:@$/]*=|[ \t]*$)/y;
/** A user agent goes on up to the next `key=`. */
const TO_NEXT_KEY = /(?:[ \t]+(?![A-Za-z_@][\w.\-:@$/]*=)\S+)+/y;
const PATH_LIKE = /^(?:~?\/|\.\.?\/|[A-Za-z]:\\|\\\\)|\/.*\//;
const COLON_CLASSES = new Set<KeyClass>(['user', 'host', 'ip', 'port', 'mac', 'email', 'status', 'code']);
/** Whether `value` holds an ASCII digit (as /\d/, without a regex call per value). */
function hasDigit(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** PATH_LIKE, tried only when the value holds `/` or `\`, which every branch of it needs. */
function isPathLike(value: string): boolean {
  return (value.includes('/') || value.includes('\\')) && PATH_LIKE.test(value);
}
/** Values that say a field is empty: kept as they are, never an entity. */
const ABSENT = new Set(['-', '--', 'null', 'NULL', 'nil', 'none', 'None', 'NONE', 'N/A', 'n/a', 'NA', 'undefined']);
const ABSENT_MAX_LENGTH = 9;
const HAS_SPACE = /\s/;
const SHORT_CODE = /^-?\d{1,5}$/;

function isValueStop(c: number): boolean {
  // white space , ; ) ] } "
  return c <= 32 || c === 44 || c === 59 || c === 41 || c === 93 || c === 125 || c === 34;
}

function closingQuote(text: string, open: number, quote: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i++;
    } // backslash escape
    else if (c === quote) return i;
  }
  return -1;
}

/**
 * Handles a `key=`, `key: ` or `"key":` match (`text[start, end)`): copies the key, reads the value that follows and masks it
 * when it is volatile. Returns the position after the value.
 */
export function handleKeyValue(scanner: Scanner, text: string, start: number, end: number, out: CanonicalBuilder): number {
  let key: string;
  let isEquals = false;
  let isColon = false;
  if (text.charCodeAt(start) === 34) {
    key = text.slice(start + 1, text.indexOf('"', start + 1));
    out.append(`"${key}":`);
  } else if (text.charCodeAt(end - 1) === 61) {
    key = text.slice(start, end - 1);
    isEquals = true;
    out.copy(text, start, end);
  } else {
    key = text.slice(start, end - 2);
    isColon = true;
    out.copy(text, start, end);
  }
  if (end >= text.length) return end;
  const first = text.charCodeAt(end);
  // Empty values and nested structures: the scan goes on from here.
  if (first <= 32 || first === 123 || first === 91 || first === 40 || first === 60) return end;
  const cls = classifyKey(key);
  // `Word: text` is as often prose or a logger name as a field: only known keys are handled as pairs,
  // and ids, times and paths only when the value holds a digit (`request: invalid user x` is prose).
  if (isColon && cls === undefined) return end;
  if (first === 34 || first === 39) {
    const close = closingQuote(text, end, first);
    if (close > 0) {
      const quote = first === 34 ? '"' : "'";
      emitValue(scanner, out, cls, text.slice(end + 1, close), text.slice(end, close + 1), quote);
      return close + 1;
    }
  }
  let valueEnd = end;
  while (valueEnd < text.length && !isValueStop(text.charCodeAt(valueEnd))) valueEnd++;
  if (valueEnd === end) return end;
  // A value that reads as one shape past the token (`6/4/2021, 4:00:37.371 PM`) is taken whole, unless
  // that would swallow the next pair or stop inside a word.
  const shape = scanner.isUnlistedWord(text, end, valueEnd) ? undefined : scanner.shapeAt(text, end);
  if (shape !== undefined && end + shape.match[0].length > valueEnd) {
    const shapeEnd = end + shape.match[0].length;
    const after = shapeEnd < text.length ? text.charCodeAt(shapeEnd) : 32;
    if (!shape.match[0].includes('=') && (after <= 32 || isValueStop(after))) valueEnd = shapeEnd;
  }
  if (isEquals && (cls === 'user' || cls === 'host' || cls === 'useragent')) {
    const continuation = cls === 'useragent' ? TO_NEXT_KEY : NAME_CONTINUATION;
    continuation.lastIndex = valueEnd;
    if (continuation.exec(text) !== null) valueEnd = continuation.lastIndex;
  }
  const value = text.slice(end, valueEnd);
  if (isColon && !COLON_CLASSES.has(cls!) && !hasDigit(value)) return end;
  // The shape read above is the value's own when it covers the value exactly (saves a second match).
  const known = shape !== undefined && shape.match[0].length === value.length ? shape : null;
  emitValue(scanner, out, cls, value, value, '', known);
  return valueEnd;
}

/**
 * Emits one value of a pair. `literal` is what is written when the value is kept (with its quotes);
 * `quote` wraps a quoted value whose words are canonicalized one by one. `knownShape`: the shape rule
 * that matches the whole value if the caller already knows it (null: none does), undefined: unknown.
 */
export function emitValue(
  scanner: Scanner,
  out: CanonicalBuilder,
  keyClass: KeyClass | undefined,
  value: string,
  literal: string,
  quote: string,
  knownShape?: RuleMatch | null,
): void {
  let cls = keyClass;
  if (value.length === 0 || (value.length <= ABSENT_MAX_LENGTH && ABSENT.has(value))) {
    out.append(literal);
    return;
  }
  if (cls === 'status') {
    const status = statusClass(value);
    if (status !== undefined) {
      out.append(status);
      return;
    }
    cls = undefined;
  } else if (cls === 'code') {
    if (SHORT_CODE.test(value)) {
      out.append(literal);
      return;
    }
    cls = undefined;
  }
  let full: RuleMatch | undefined;
  if (knownShape !== undefined) full = knownShape ?? undefined;
  else {
    const shape = scanner.shapeAt(value, 0);
    full = shape !== undefined && shape.match[0].length === value.length ? shape : undefined;
  }
  if (cls !== undefined) {
    if (full !== undefined && full.rule.handler === 'ip') {
      // The key names the placeholder (`rhost=<HOST>` whether it holds a name or an address).
      emitIp(value, scanner.options, out, STRONG.has(cls) && cls !== 'ip' ? PLACEHOLDER[cls] : '<IP>');
      return;
    }
    if (full !== undefined && !STRONG.has(cls) && full.rule.handler !== 'number') {
      scanner.apply(full.rule, full.match, full.source, out);
      return;
    }
    // An ip key holding a name (`ip=localhost`) names a host.
    const kind: KeyClass = cls === 'ip' ? 'host' : cls;
    out.mask(PLACEHOLDER[kind], kind === 'time' ? undefined : kind, value);
    return;
  }
  if (full !== undefined) {
    if (quote !== '' && isPlainNumber(value) && !masksNumber(value, scanner.options)) out.append(literal);
    else scanner.apply(full.rule, full.match, full.source, out);
    return;
  }
  if (HAS_SPACE.test(value)) {
    out.append(quote);
    scanner.scan(value, out);
    out.append(quote);
  } else if (hasDigit(value) || value.length > LONG_VALUE) {
    if (isPathLike(value)) out.mask('<PATH>', 'path', value);
    else out.mask('<ID>', 'id', value);
  } else if (isPathLike(value)) {
    out.mask('<PATH>', 'path', value);
  } else {
    out.append(literal);
  }
}

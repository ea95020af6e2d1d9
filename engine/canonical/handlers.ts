import type { CanonicalBuilder } from './output.js';
import type { CompiledRule, Scanner } from './scanner.js';
import type { CanonicalOptions } from './types.js';
import { handleKeyValue } from './keyvalue.js';

/** Whether a plain number is masked under the options (`--no-mask-numbers`, `--numbers-min-len`). */
export function masksNumber(value: string, options: CanonicalOptions): boolean {
  if (!options.maskNumbers) return false;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= options.numbersMinLen;
}

/** `-?\d+([.,_]\d+)*`: digits, an optional leading minus, single separators between digit runs. */
export function isPlainNumber(value: string): boolean {
  const n = value.length;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  let digitBefore = false;
  if (i >= n) return false;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digitBefore = true;
    else if ((c === 46 || c === 44 || c === 95) && digitBefore && i + 1 < n) digitBefore = false;
    else return false;
  }
  return digitBefore;
}

const STATUS_CLASSES = ['', 'STATUS_ONEXX', 'STATUS_TWOXX', 'STATUS_THREEXX', 'STATUS_FOURXX', 'STATUS_FIVEXX'];

/** `404` → `STATUS_FOURXX`; undefined when the value is not an HTTP status code. */
export function statusClass(value: string): string | undefined {
  if (value.length !== 3 || !/^[1-5]\d\d$/.test(value)) return undefined;
  return STATUS_CLASSES[value.charCodeAt(0) - 48];
}

/** A plain number (masked per options as `<NUM>`) or, for anything else, the rule's placeholder. */
function emitNumberOrId(compiled: CompiledRule, value: string, options: CanonicalOptions, out: CanonicalBuilder): void {
  if (isPlainNumber(value)) {
    if (masksNumber(value, options)) out.placeholder('<NUM>');
    else out.append(value);
    return;
  }
  out.mask(compiled.placeholder, compiled.entity ? compiled.kind : undefined, value);
}

/** Splits `1.2.3.4:22`, `[::1]:8080`, `0:0:0:0:0:0:0:0:2181` into address, port and brackets. */
export function splitIpPort(value: string): { ip: string; port?: string; bracketed: boolean } {
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    const port = value.charCodeAt(close + 1) === 58 ? value.slice(close + 2) : undefined;
    return { ip: value.slice(1, close), port, bracketed: true };
  }
  const lastDot = value.lastIndexOf('.');
  if (lastDot >= 0) {
    const colon = value.indexOf(':', lastDot);
    return colon < 0 ? { ip: value, bracketed: false } : { ip: value.slice(0, colon), port: value.slice(colon + 1), bracketed: false };
  }
  // Nine groups without `::` can only be a full IPv6 address and a port.
  if (!value.includes('::') && value.split(':').length === 9) {
    const colon = value.lastIndexOf(':');
    return { ip: value.slice(0, colon), port: value.slice(colon + 1), bracketed: false };
  }
  return { ip: value, bracketed: false };
}

/** Masks an address (and its port) as `placeholder`; `--no-mask-ips` keeps it, entities either way. */
export function emitIp(value: string, options: CanonicalOptions, out: CanonicalBuilder, placeholder = '<IP>'): void {
  const { ip, port, bracketed } = splitIpPort(value);
  if (!/[0-9A-Fa-f]/.test(ip)) {
    out.append(value); // `::` alone is C++ or a separator, not an address
    return;
  }
  out.entity('ip', ip);
  if (port !== undefined) out.entity('port', port);
  if (!options.maskIps) {
    out.append(value);
    return;
  }
  if (bracketed) out.append('[');
  out.placeholder(placeholder);
  if (bracketed) out.append(']');
  if (port !== undefined) {
    out.append(':');
    out.placeholder('<PORT>');
  }
}

function emitHostPort(value: string, out: CanonicalBuilder): void {
  const colon = value.indexOf(':');
  const host = colon < 0 ? value : value.slice(0, colon);
  out.mask('<HOST>', 'host', host);
  if (colon >= 0) {
    out.append(':');
    out.mask('<PORT>', 'port', value.slice(colon + 1));
  }
}

/** `Jun 14 15:16:01 combo` → `<TS> <HOST>`: the host is the last word of the match. */
function emitSyslogHeader(value: string, out: CanonicalBuilder): void {
  let space = value.length - 1;
  while (space > 0 && value.charCodeAt(space) > 32) space--;
  out.placeholder('<TS>');
  out.space();
  out.mask('<HOST>', 'host', value.slice(space + 1));
}

const THREAD_LOCATION = /^(.*):([A-Za-z_$][\w$.]*)@(\d+)$/;

/** `[IPC Server handler 5 on 62270]` → `[<THREAD>]`; `[main-1:Foo@774]` → `[<THREAD>:Foo@<NUM>]`. */
function emitThread(value: string, out: CanonicalBuilder): void {
  const location = THREAD_LOCATION.exec(value.slice(1, -1));
  out.append('[');
  out.placeholder('<THREAD>');
  if (location !== null) {
    out.append(`:${location[2]}@`);
    out.placeholder('<NUM>');
  }
  out.append(']');
}

const REQUEST_LINE = /^"(\S+) (\S+) (HTTP\/[\d.]+)" (\d{3})(?: (\S+))?$/;

/** `"GET /a?b HTTP/1.1" 404 512` → `"GET <PATH> HTTP/1.1" STATUS_FOURXX <NUM>`. */
function emitHttpRequest(value: string, options: CanonicalOptions, out: CanonicalBuilder): void {
  const m = REQUEST_LINE.exec(value);
  if (m === null) {
    out.append(value);
    return;
  }
  const [, method, target, protocol, status, size] = m;
  out.append(`"${method} `);
  out.mask('<PATH>', 'url', target);
  out.append(` ${protocol}" ${statusClass(status) ?? status}`);
  if (size !== undefined) {
    out.append(' ');
    if (isPlainNumber(size) && masksNumber(size, options)) out.placeholder('<NUM>');
    else out.append(size);
  }
}

/**
 * Runs a rule's built-in handler on its masked part (`value`, at `valueStart`). Returns the position
 * where scanning goes on: the end of the value, or further when the handler read more (key=value).
 */
export function applyHandler(
  scanner: Scanner,
  compiled: CompiledRule,
  value: string,
  m: RegExpExecArray,
  text: string,
  valueStart: number,
  out: CanonicalBuilder,
): number {
  const options = scanner.options;
  const valueEnd = valueStart + value.length;
  switch (compiled.handler) {
    case 'number':
      emitNumberOrId(compiled, value, options, out);
      break;
    case 'ip':
      emitIp(value, options, out);
      break;
    case 'quantity':
      if (masksNumber(value, options)) out.placeholder(compiled.placeholder);
      else out.append(value);
      break;
    case 'thread':
      emitThread(value, out);
      break;
    case 'hostPort':
      emitHostPort(value, out);
      break;
    case 'httpRequest':
      emitHttpRequest(value, options, out);
      break;
    case 'syslogHeader':
      emitSyslogHeader(value, out);
      break;
    case 'keyValue':
      return handleKeyValue(scanner, text, m.index, m.index + m[0].length, out);
    default:
      out.mask(compiled.placeholder, compiled.entity ? compiled.kind : undefined, value);
  }
  return valueEnd;
}

import type { CanonicalRule } from './types.js';

// Shared fragments. Every rule is tried only at a token start (see CanonicalRule.pattern), so patterns
// need no leading boundary of their own.
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*';
const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,:]\\d{1,9})?';
const ZONE = '(?:Z(?![A-Za-z])|\\s?(?:UTC|GMT)(?![A-Za-z])|\\s?[+-]\\d{2}:?\\d{2}(?!\\d))?';
const MERIDIEM = '(?:\\s?[AaPp][Mm](?![A-Za-z]))?';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}(?!\\.?\\d)`;
const H16 = '[0-9A-Fa-f]{1,4}';
const IPV6_FULL = `(?:${H16}:){7}${H16}`;
const IPV6_MAPPED = `(?:${H16}(?::${H16}){0,5})?::(?:[fF]{4}:)?${IPV4}`;
const IPV6_SHORT = `(?:${H16}(?::${H16}){0,6})?::(?:${H16}(?::${H16}){0,6})?`;
const LABEL = '[A-Za-z0-9][A-Za-z0-9-]*';
const HOST_END = `(?![A-Za-z0-9-]|\\.[A-Za-z0-9])(?::\\d{1,5}(?!\\d))?`;
const PORT = '(?::\\d{1,5}(?!\\d))?';
// Top-level domains that rarely end anything else (Java packages and config keys end in words).
const TLD = '(?:com|net|org|edu|gov|mil|io|co|us|uk|de|fr|jp|cn|ru|ca|au|br|nl|eu|es|se|ch|local|localdomain|lan|internal|corp|arpa)';
const PATH_CHAR = '[\\w.@%+~$,=-]';
const LEVEL = '(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|FATAL|CRITICAL)';
// A syslog header's host (a name or an address) and program (`sshd`, `sshd(pam_unix)`, `postfix/smtpd`).
const HOST_TOKEN = '[A-Za-z0-9][\\w.:-]*';
const PROGRAM = '[A-Za-z_][\\w./()-]*';
const BRACKET_BODY = '(?:[^\\[\\]\\n]|\\[[^\\[\\]\\n]*\\])+';

function ts(name: string, pattern: string, description: string, words?: string[]): CanonicalRule {
  return { name, pattern, placeholder: '<TS>', kind: 'time', entity: false, description, words };
}

const MONTH_WORDS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
  'January',
  'February',
  'March',
  'April',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAY_WORDS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** URLs with a scheme. Named: the scanner's `key=` fast path relies on it needing `:` before any `=`. */
export const URL_RULE: CanonicalRule = {
  name: 'url',
  pattern: '(?=[A-Za-z0-9+.-]{2,16}:)[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\\s"\'<>]*[^\\s"\'<>.,;:)\\]}]',
  placeholder: '<URL>',
  kind: 'url',
  description: 'URLs with a scheme (http, https, hdfs, s3, ...).',
};

/** Key-value pairs. Named: the scanner finds `key=` without the regex when this rule comes first. */
export const KEY_VALUE_RULE: CanonicalRule = {
  name: 'key_value',
  pattern: '[A-Za-z_@][\\w.\\-:@$/]*?=|[A-Za-z_][A-Za-z_.\\-$]*: (?=\\S)|"[^"\\\\\\s]{1,64}"\\s?:\\s?',
  placeholder: '<ID>',
  kind: 'id',
  handler: 'keyValue',
  description: '`key=value`, `key: value` and `"key": value`: key kept, value masked when volatile or when the key names a high-cardinality field.',
};

/**
 * The default rule set, in priority order: at one position the first rule that matches wins. Rules that
 * need code (options, key-aware values, ports) name a handler; the others are plain masks.
 */
export const DEFAULT_RULES: readonly CanonicalRule[] = [
  URL_RULE,
  {
    name: 'http_request',
    pattern: '"(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH|CONNECT|TRACE|PROPFIND) [^"\\s]+ HTTP/[\\d.]+" [1-5]\\d\\d(?: (?:\\d+|-))?',
    placeholder: '<PATH>',
    kind: 'url',
    handler: 'httpRequest',
    description: 'An access-log request line and status: path masked, status class kept, size masked.',
  },
  KEY_VALUE_RULE,
  {
    name: 'log_thread',
    pattern: `\\[(?<=^.{0,80}\\b${LEVEL}\\s{1,3}(?:-\\s{1,3})?\\[)${BRACKET_BODY}\\]|\\[(?<=^.{0,80}\\[)${BRACKET_BODY}\\](?=\\s{1,3}${LEVEL}\\b)`,
    placeholder: '<THREAD>',
    kind: 'thread',
    entity: false,
    handler: 'thread',
    description: 'The thread field of a Java-style header, next to the level: INFO [IPC Server handler 5 on 62270]. A trailing Class@line is kept.',
  },
  {
    name: 'syslog_header',
    pattern: `^(?:(?:${WEEKDAY},?\\s)?${MONTH}\\s{1,2}\\d{1,2}\\s${CLOCK}(?:\\s\\d{4})?|\\d{4}-\\d{2}-\\d{2}T${CLOCK}${ZONE})\\s${HOST_TOKEN}(?=\\s${PROGRAM}(?:\\[\\d+\\])?:(?:\\s|$))`,
    placeholder: '<HOST>',
    kind: 'host',
    handler: 'syslogHeader',
    words: [...MONTH_WORDS, ...WEEKDAY_WORDS],
    description:
      'The stamp and host that open a syslog line before `program[pid]:`: Jun 14 15:16:01 combo sshd[42]: → <TS> <HOST> sshd[<NUM>]:. One pattern per program, not per machine.',
  },
  ts(
    'iso_datetime',
    `\\d{4}-\\d{2}-\\d{2}(?:[T ]${CLOCK}${ZONE}|-\\d{2}\\.\\d{2}\\.\\d{2}(?:\\.\\d{1,9})?)?(?!\\d)`,
    'ISO 8601 dates and date-times: 2015-10-18, 2016-09-28 04:30:30,526, 2023-12-24T17:16:09.695117Z, 2005-06-03-15.42.50.675872.',
  ),
  ts('month_day_time', `\\d{2}-\\d{2}\\s${CLOCK}(?!\\d)`, 'Month-day and time without a year (Android logcat): 03-17 16:13:38.811.'),
  ts('slash_datetime', `\\d{4}/\\d{1,2}/\\d{1,2}(?:[ T:]${CLOCK})?(?!\\d)`, 'Year-first slashed dates: 2016/9/27:20:30:31.455.'),
  ts(
    'us_datetime',
    `\\d{1,2}/\\d{1,2}/\\d{2,4}(?:,?\\s${CLOCK}${MERIDIEM})?(?!\\d)`,
    'Month/day/year and day/month/year: 6/4/2021, 4:00:37.371 PM; 11/4/2020 21:11; 17/06/09 20:10:40.',
  ),
  ts(
    'clf_datetime',
    `\\d{1,2}[/-]${MONTH}[/-]\\d{2,4}(?:[: ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)?${ZONE}`,
    'Common Log Format and day-month-year: 10/Oct/2000:13:55:36 -0700, 04-Dec-2005.',
  ),
  ts(
    'syslog_datetime',
    `(?:${WEEKDAY},?\\s)?${MONTH}\\s{1,2}\\d{1,2}(?!\\d)(?:,?\\s\\d{4}(?!\\d))?(?:\\s${CLOCK}${ZONE})?(?:\\s\\d{4}(?!\\d))?`,
    'Syslog and ctime stamps: Dec 10 06:55:46, Sun Dec 04 04:47:44 2005, Sep 28.',
    [...MONTH_WORDS, ...WEEKDAY_WORDS],
  ),
  ts(
    'rfc1123_datetime',
    `(?:${WEEKDAY},?\\s)?\\d{1,2}\\s${MONTH}\\s\\d{4}(?:\\s${CLOCK}${ZONE})?`,
    'RFC 1123 dates: Mon, 02 Jan 2006 15:04:05 GMT.',
    WEEKDAY_WORDS,
  ),
  ts(
    'compact_datetime',
    '(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?:[-T ]?\\d{1,2}:\\d{1,2}:\\d{1,2}(?:[.,:]\\d{1,9})?|[-T ]?\\d{6}(?:[.,]\\d{1,9})?)?(?!\\d)',
    'Compact dates and date-times: 20171223-22:15:29:606, 20171224-0:0:0:215, 20230101T120000.',
  ),
  ts(
    'yymmdd_hhmmss',
    '\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]) (?:[01]\\d|2[0-3])[0-5]\\d[0-5]\\d(?!\\d)',
    'Two-digit-year date and time as in HDFS logs: 081109 203615.',
  ),
  {
    name: 'uuid',
    pattern: '\\{?[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}\\}?(?![\\w-])',
    placeholder: '<UUID>',
    kind: 'uuid',
    description: 'UUIDs/GUIDs, optionally in braces.',
  },
  {
    name: 'mac',
    pattern: '(?<![0-9A-Fa-f][:-])(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![\\w:-])|(?:[0-9A-Fa-f]{4}\\.){2}[0-9A-Fa-f]{4}(?![\\w.])',
    placeholder: '<MAC>',
    kind: 'mac',
    description: 'MAC addresses: 00:1a:2b:3c:4d:5e, 00-1A-..., 001a.2b3c.4d5e.',
  },
  {
    name: 'ipv6',
    pattern: `\\[(?:${IPV6_FULL}|${IPV6_MAPPED}|${IPV6_SHORT})\\]${PORT}|${IPV6_FULL}${PORT}(?![0-9A-Za-z])|${IPV6_MAPPED}${PORT}|${IPV6_SHORT}(?![0-9A-Za-z:])`,
    placeholder: '<IP>',
    kind: 'ip',
    handler: 'ip',
    description: 'IPv6 addresses, full or compressed, optionally bracketed with a port: [::1]:8080.',
  },
  ts('clock_time', `\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?${MERIDIEM}(?![\\d:])`, 'A time of day alone: 07:11:26.731, 0:00:15.'),
  {
    name: 'relative_path',
    pattern: '(?=[\\w.$~-]*/)(?=[\\w.$~-]*[A-Za-z])[\\w.$~-]+(?:/[\\w.$~-]+){2,}/?',
    placeholder: '<PATH>',
    kind: 'path',
    description: 'Relative paths of three or more segments: src/main/App.java.',
  },
  {
    name: 'host_name',
    pattern: `(?=[A-Za-z0-9-]+\\.[A-Za-z0-9])(?:${LABEL}\\.)+(?:${TLD}|(?:com|co|net|org|ac|gov|edu|ne|or|go)\\.[a-z]{2})${HOST_END}|(?=[A-Za-z0-9.-]*\\d)(?:${LABEL}\\.){2,}[a-z]{2}${HOST_END}`,
    placeholder: '<HOST>',
    kind: 'host',
    handler: 'hostPort',
    description: 'Host names ending in a common top-level domain, or in a country code after com/co/net/... or with a digit; optional port.',
  },
  {
    name: 'ipv4',
    pattern: `(?<![~-]|\\d\\.|[Vv]ersion )${IPV4}${PORT}`,
    placeholder: '<IP>',
    kind: 'ip',
    handler: 'ip',
    description: 'IPv4 addresses with an optional port: 10.0.0.5:22, /10.251.43.21:50010. Not after `version `, `~`, `-` (versions).',
  },
  {
    name: 'reverse_name',
    pattern: `\\((?<=(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}\\s\\()(?<value>[A-Za-z0-9][\\w.-]*|)(?=\\))`,
    placeholder: '<HOST>',
    kind: 'host',
    description:
      'The host name in parentheses right after an IPv4 address, as ftpd, tcpd and sshd print the reverse lookup; empty when there is none: from 1.2.3.4 (a.example.net), from 1.2.3.4 ().',
  },
  {
    name: 'component_identity',
    pattern: '[\\w.-]+~[0-9A-Fa-f]{16}~[\\w.-]*~[\\w.-]*~[\\d.]*(?![\\w.~-])',
    placeholder: '<ID>',
    kind: 'id',
    description:
      'Windows servicing and .NET assembly identities, name~publicKeyToken~arch~culture~version: Package_for_KB3121255~31bf3856ad364e35~amd64~~6.1.1.0.',
  },
  {
    name: 'email',
    pattern: '(?=[\\w.%+-]*@)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w.-])',
    placeholder: '<EMAIL>',
    kind: 'email',
    description: 'E-mail addresses.',
  },
  {
    name: 'windows_path',
    pattern: '(?:[A-Za-z]:\\\\|\\\\\\\\(?:\\?|[\\w.$-]+)\\\\)(?:Program Files(?: \\(x86\\))?\\\\)?[^\\s"\'<>|*?]*',
    placeholder: '<PATH>',
    kind: 'path',
    description: 'Windows paths: C:\\Windows\\..., \\\\server\\share\\....',
  },
  {
    name: 'unix_path',
    pattern: `(?:~|\\.{1,2})?/(?=${PATH_CHAR}*[A-Za-z])${PATH_CHAR}+(?:/${PATH_CHAR}*)*(?:\\?[^\\s"'<>]*)?`,
    placeholder: '<PATH>',
    kind: 'path',
    description: 'Unix paths and URL paths whose first segment has a letter: /var/log/x, ~/.ssh, /api/v1?x=1.',
  },
  {
    name: 'windows_sid',
    pattern: 'S-1-\\d+(?:-\\d+){1,14}(?![\\w-])',
    placeholder: '<SID>',
    kind: 'sid',
    description: 'Windows security identifiers: S-1-5-21-...-1107.',
  },
  {
    name: 'auth_invalid_user',
    pattern:
      '(?:password|publickey|none|hostbased|keyboard-interactive(?:/pam)?|gssapi-with-mic|authentication failures?) for (?:invalid|illegal) user {1,2}(?<value>[^\\s]+)(?= from |\\s*\\[preauth\\]|\\s*$)',
    placeholder: '<USER>',
    kind: 'user',
    words: ['password', 'publickey', 'none', 'hostbased', 'authentication'],
    description: 'A name that is not an account (attackers try thousands): Failed password for invalid user X from ...',
  },
  {
    name: 'auth_user',
    pattern:
      '(?:password|publickey|none|hostbased|keyboard-interactive(?:/pam)?|gssapi-with-mic|authentication failures?) for (?<value>[^\\s]+)(?= from |\\s*\\[preauth\\]|\\s*$)',
    placeholder: '<USER>',
    kind: 'user',
    keep: true,
    words: ['password', 'publickey', 'none', 'hostbased', 'authentication'],
    description: 'The account of an sshd authentication line, kept in the text (root is not deploy): Failed password for X from ...',
  },
  {
    name: 'invalid_user',
    pattern: '(?:[Ii]nvalid|[Ii]llegal) [Uu]ser {1,2}(?!unknown(?![\\w.@-]))(?<value>[\\w.@\\\\$-]+)',
    placeholder: '<USER>',
    kind: 'user',
    words: ['Invalid', 'invalid', 'Illegal', 'illegal'],
    description: 'The name after `invalid user`, `illegal user`: not an account, so masked.',
  },
  {
    name: 'qualified_user',
    pattern: 'for [Uu]ser {1,2}(?!unknown(?![\\w.@-]))(?<value>[\\w.@\\\\$-]+)',
    placeholder: '<USER>',
    kind: 'user',
    keep: true,
    words: ['for'],
    description: 'The account after `for user`, kept in the text: session opened for user root.',
  },
  {
    name: 'user_from',
    pattern: '[Uu]ser {1,2}(?!unknown(?![\\w.@-]))(?<value>[\\w.@\\\\$-]+)(?= from )',
    placeholder: '<USER>',
    kind: 'user',
    keep: true,
    words: ['User', 'user'],
    description: 'The name in `user X from ...`.',
  },
  {
    name: 'port_phrase',
    pattern: '[Pp]ort (?<value>\\d{1,5})(?![\\w.])',
    placeholder: '<PORT>',
    kind: 'port',
    words: ['Port', 'port'],
    description: 'A port number after the word port: port 22.',
  },
  {
    name: 'hex',
    pattern: '0[xX][0-9A-Fa-f]+(?![\\w])|(?=[0-9A-Fa-f]{7})(?=[0-9A-Fa-f]*\\d)(?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]{7,}(?![\\w])|0[0-9A-Fa-f]{7,}(?![\\w])',
    placeholder: '<HEX>',
    kind: 'hex',
    entity: false,
    description: '0x-prefixed hex; 7+ hex digits holding a digit and a letter (hashes, Java identity codes); zero-padded 8+ digit counters (00000001).',
  },
  ts(
    'epoch',
    '1\\d{9}(?:\\d{3}|\\d{6}|\\d{9})?(?:\\.\\d+)?(?![\\w.])',
    'Unix epoch seconds (10 digits, 2001-2033) and milli/micro/nanoseconds (13/16/19 digits).',
  ),
  {
    name: 'prefixed_id',
    pattern: '[A-Za-z]+(?:[_-][A-Za-z]+)*[_-](?<value>-?(?=[A-Za-z]*\\d)[A-Za-z0-9][\\w-]*)',
    placeholder: '<ID>',
    kind: 'id',
    handler: 'number',
    description: 'The tail of an identifier from its first part with a digit: blk_-123, appattempt_1445_0020_000001, broadcast_0, Package_for_KB3121255.',
  },
  {
    name: 'segmented_id',
    pattern: '(?=[A-Za-z]*\\d)(?=[A-Za-z0-9]*[-:_][A-Za-z0-9:_-]*\\d)(?=[\\w:-]*[A-Za-z])[A-Za-z0-9]+(?:[-:_][A-Za-z0-9]+)+(?![\\w.:-])',
    placeholder: '<ID>',
    kind: 'id',
    description: 'Identifiers of several parts, two or more holding digits: R02-M1-N0-C:J12-U11 (node names), x86_64.',
  },
  {
    name: 'version',
    pattern: '[vV]\\d+(?:\\.\\d+)+(?![\\w.])',
    placeholder: '<VERSION>',
    kind: 'version',
    entity: false,
    description: 'Versions with a v prefix: v6.1.7601.23505, v2.0.',
  },
  {
    name: 'alnum_id',
    pattern: '(?=(?:[A-Za-z]*\\d){3})(?:[A-Za-z]+\\d|\\d+[A-Za-z]+\\d)[A-Za-z0-9]*(?![\\w])',
    placeholder: '<ID>',
    kind: 'id',
    description: 'Tokens mixing letters with 3 or more digits: x885581165, u8704782, dn228 (host names in headers).',
  },
  {
    name: 'size',
    pattern: '\\d+(?:[.,]\\d+)?(?:\\s?(?:[kKMGTPE]i?B|bytes?|B)|[KMGTPE])(?![\\w=])',
    placeholder: '<SIZE>',
    kind: 'size',
    entity: false,
    handler: 'quantity',
    description: 'Sizes with a unit: 12 KB, 5.0 B, 64MiB, 512 bytes, 4G. Loggers often switch units with magnitude.',
  },
  {
    name: 'duration',
    pattern:
      '\\d+(?:[.,]\\d+)?(?:\\s?(?:ms|msecs?|millis|milliseconds?|us|µs|microseconds?|ns|nanoseconds?|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?)|[smhd])(?![\\w=])',
    placeholder: '<DURATION>',
    kind: 'duration',
    entity: false,
    handler: 'quantity',
    description: 'Durations with a unit: 12ms, 3 seconds, 5s, 2h.',
  },
  {
    name: 'number',
    pattern: '-?\\d+(?:[.,_]\\d+)*',
    placeholder: '<NUM>',
    kind: 'num',
    entity: false,
    handler: 'number',
    description: 'Numbers (decimals, negative); masked when they have at least numbersMinLen digits.',
  },
];

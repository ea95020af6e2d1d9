/**
 * What a key of a `key=value` pair says about its value. A key is split into lower-case words
 * (`dst_endpoint.ip` → dst endpoint ip, `ClientRequestHost` → client request host, `UserPrincipalName_s`
 * → user principal name) and its last one or two words are looked up.
 */

/**
 * `user`, `host`, `ip`, `port`, `mac`, `email`, `useragent`: the value is always masked as that kind.
 * `id`, `time`, `path`, `url`: the value is masked; its own shape (a UUID, a number, ...) picks the
 * placeholder when it has one. `status`: a 3-digit value keeps its class (`STATUS_FOURXX`). `code`: a
 * short number is a low-cardinality code (severity, event id, protocol) and is kept.
 */
export type KeyClass = 'user' | 'host' | 'ip' | 'port' | 'mac' | 'email' | 'useragent' | 'id' | 'time' | 'path' | 'url' | 'status' | 'code';

const BY_WORD = new Map<string, KeyClass>();
function add(cls: KeyClass, words: string): void {
  for (const w of words.split(/\s+/)) if (w) BY_WORD.set(w, cls);
}

// Whole last word (or last two words joined) → class.
add(
  'user',
  `user username usr login logon account accountname principal owner ruser luser uname
  displayname givenname surname firstname lastname fullname personname membername ownername
  actorname nickname`,
);
add(
  'host',
  `host hostname hostaddr server serverhost servername computer computername machine
  machinename workstation fqdn rhost lhost devicehostname devicename endpointname nodename`,
);
add(
  'ip',
  `ip ipaddr ipaddress ipv4 ipv6 srcip dstip sip dip clientip serverip remoteip localip addr
  srcaddr dstaddr remoteaddr localaddr clientaddr peeraddr xff forwardedfor publicip privateip`,
);
add('port', 'port sport dport spt dpt srcport dstport lport rport localport remoteport clientport serverport');
add('mac', 'mac macaddr macaddress hwaddr hwaddress ether');
add('email', 'email mail emailaddr emailaddress upn');
add('useragent', 'agent useragent ua httpuseragent');
add(
  'id',
  `id uid gid euid guid uuid pid ppid tid sid session sessionid request requestid req reqid
  trace traceid ptrace rtrace span spanid parentid correlation correlationid txid txn transaction
  transactionid threadid job jobid token nonce hash checksum md5 sha1 sha256 digest signature serial
  serialnumber tenant tenantid container containerid instance instanceid imageid objectid externalid
  alternateid externalsessionid recordid messageid msgid key`,
);
add(
  'time',
  `time timestamp ts date datetime created updated modified expires launchtime ingesttime
  timegenerated starttime endtime eventtime receivedtime start end`,
);
add('path', 'path file filename filepath logfile dir directory folder cwd exe executable image');
add('url', 'url uri href link referer referrer');
add('status', 'status statuscode httpstatus responsecode responsestatus scstatus');
add(
  'code',
  `level severity priority facility protocol proto kind type version errorcode exitcode
  returncode result reason outcome disposition error`,
);

/** A last word `id`/`uid`/`type` after one of these names a code (`class_uid`, `event_id`), not an id. */
const CODE_QUALIFIERS = new Set([
  'class',
  'category',
  'type',
  'activity',
  'severity',
  'status',
  'level',
  'priority',
  'facility',
  'event',
  'rule',
  'action',
  'disposition',
  'outcome',
  'result',
  'reason',
  'error',
  'exit',
  'return',
  'response',
  'auth',
  'protocol',
  'state',
]);
const CODE_LAST_WORDS = new Set(['id', 'uid', 'code', 'type', 'num', 'number']);

const POSIX_USER_IDS = new Set(['uid', 'euid', 'ruid', 'suid', 'auid', 'fsuid']);

const cache = new Map<string, KeyClass | null>();
const CACHE_LIMIT = 10_000;

/** Lower-case words of a key; one-letter words (Azure's `_s`, `_g` type suffixes) are dropped. */
export function keyWords(key: string): string[] {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  const words: string[] = [];
  for (const w of spaced.toLowerCase().split(/[^a-z0-9]+/)) if (w.length > 1 || w === 'v') words.push(w);
  return words;
}

/** The class of a key, or undefined for keys that say nothing (their word values are kept). */
export function classifyKey(key: string): KeyClass | undefined {
  let cls = cache.get(key);
  if (cls === undefined) {
    cls = computeKeyClass(key) ?? null;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, cls);
  }
  return cls ?? undefined;
}

function computeKeyClass(key: string): KeyClass | undefined {
  const words = keyWords(key);
  const n = words.length;
  if (n === 0) return undefined;
  const last = words[n - 1];
  const prev = n > 1 ? words[n - 2] : '';
  if (prev) {
    const two = BY_WORD.get(prev + last);
    if (two !== undefined) return two;
    if (CODE_LAST_WORDS.has(last) && CODE_QUALIFIERS.has(prev)) return 'code';
    // `actor.user.name`, `Account_Name`: a name qualified by a user-ish word names a user.
    if (last === 'name' && BY_WORD.get(prev) === 'user') return 'user';
    if (last === 'name' && BY_WORD.get(prev) === 'host') return 'host';
  }
  // POSIX user ids (`uid=0 euid=0` in pam lines) name users; a qualified `metadata.uid` is an id.
  if (n === 1 && POSIX_USER_IDS.has(last)) return 'user';
  // The whole key run together catches spellings such as `srcaddr` or `Client_IP`.
  const whole = BY_WORD.get(words.join(''));
  if (whole !== undefined) return whole;
  const byLast = BY_WORD.get(last);
  if (byLast !== undefined) return byLast;
  // Run-together keys such as `deviceowner` or `clientusername`.
  for (const [suffix, cls] of SUFFIXES) if (last.endsWith(suffix)) return cls;
  return undefined;
}

const SUFFIXES: Array<[string, KeyClass]> = [
  ['username', 'user'],
  ['owner', 'user'],
  ['hostname', 'host'],
  ['addr', 'ip'],
  ['email', 'email'],
  ['sessionid', 'id'],
  ['userid', 'id'],
  ['requestid', 'id'],
  ['traceid', 'id'],
];

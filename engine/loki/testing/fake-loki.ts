// A FAKE of Loki's HTTP API, for the Loki client's tests. Loki itself is AGPL-3.0 and is not run here;
// this in-process server reproduces the documented behaviours the client relies on, each with the page
// or source it follows (Loki HTTP API reference: https://grafana.com/docs/loki/latest/reference/loki-http-api/,
// "the API docs" below). It stores pushed entries in memory per tenant and answers:
//   POST /loki/api/v1/push          JSON body; 204; exact duplicates (same stream, ts, line, metadata) dropped
//   GET  /loki/api/v1/query_range   streams answer; limit (default 100, > 5000 refused), direction
//                                   (default backward), start inclusive, end exclusive, ns or s times
//   GET  /loki/api/v1/series        match[] selectors → label sets of the streams with entries in range
//   GET  /loki/api/v1/labels        label names seen in range
//   GET  /ready                     "ready"
// What it does NOT reproduce: the ingester/querier split, caches, chunk encoding, retention, any LogQL
// beyond a stream selector (=, !=, =~, !~) and line filters (|=, !=, |~, !~) (anything else is Loki's
// 400 parse error), parsed labels (no parser stages), Loki's added labels (service_name, detected_level),
// out-of-order rejection, per-stream rate limits other than the injected ones, and the tail websocket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeLokiOptions {
  /** auth_enabled: every request must name its tenant in X-Scope-OrgID (else 401 "no org id"). */
  auth?: boolean;
  /** max_entries_limit_per_query. Default 5000 (Loki's default, configuration reference: limits_config). */
  maxEntriesLimit?: number;
  /** Push bodies larger than this are refused with 413 (Loki's grpc/HTTP body limit). Default 4 MiB. */
  maxPushBytes?: number;
}

export interface FakeLoki {
  url: string;
  /** Every request, in order: method, path and the tenant it named. */
  requests: Array<{ method: string; path: string; tenant: string | undefined }>;
  /** Answers the next `n` requests to `path` with `status` and a text/plain body (429, 500, 504...). */
  failNext(path: string, status: number, body: string, n?: number): void;
  close(): Promise<void>;
}

interface StoredEntry {
  stream: Record<string, string>;
  streamKey: string;
  tsNs: bigint;
  line: string;
  metadata: Record<string, string>;
}

type Matcher = { name: string; op: '=' | '!=' | '=~' | '!~'; value: string; re?: RegExp };
type LineFilter = { op: '|=' | '!=' | '|~' | '!~'; value: string; re?: RegExp };

class ParseError extends Error {}

const SINGLE_TENANT = 'fake'; // Loki without auth_enabled stores everything under one tenant

export async function startFakeLoki(opts: FakeLokiOptions = {}): Promise<FakeLoki> {
  const maxLimit = opts.maxEntriesLimit ?? 5000;
  const maxPushBytes = opts.maxPushBytes ?? 4 << 20;
  const tenants = new Map<string, StoredEntry[]>();
  const requests: FakeLoki['requests'] = [];
  const failures: Array<{ path: string; status: number; body: string; left: number }> = [];

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err) => text(res, 500, `fake loki: ${(err as Error).message}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const orgId = header(req, 'x-scope-orgid');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, tenant: orgId });
    const failure = failures.find((f) => f.path === url.pathname && f.left > 0);
    if (failure) {
      failure.left--;
      return text(res, failure.status, failure.body);
    }
    if (url.pathname === '/ready') return text(res, 200, 'ready');
    // API docs, "Multi-tenancy": with auth_enabled, X-Scope-OrgID is required; Loki answers 401 "no org id".
    if (opts.auth && !orgId) return text(res, 401, 'no org id');
    const tenant = opts.auth ? orgId! : SINGLE_TENANT;
    const entries = tenants.get(tenant) ?? [];
    const body = req.method === 'POST' ? await readBody(req, maxPushBytes + 1) : '';
    try {
      switch (url.pathname) {
        case '/loki/api/v1/push':
          if (req.method !== 'POST') return text(res, 405, 'method not allowed');
          if (body.length > maxPushBytes) return text(res, 413, `request body too large: ${body.length} bytes > ${maxPushBytes}`);
          tenants.set(tenant, pushInto(entries, body));
          res.writeHead(204).end(); // API docs, "Ingest logs": 204 No Content on success
          return;
        case '/loki/api/v1/query_range':
          return json(res, queryRange(entries, url.searchParams, maxLimit));
        case '/loki/api/v1/series':
          return json(res, { status: 'success', data: series(entries, url.searchParams) });
        case '/loki/api/v1/labels':
          return json(res, { status: 'success', data: labelNames(entries, url.searchParams) });
        default:
          return text(res, 404, '404 page not found');
      }
    } catch (err) {
      if (err instanceof ParseError) return text(res, 400, err.message);
      throw err;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(path, status, body, n = 1) {
      failures.push({ path, status, body, left: n });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * API docs, "Ingest logs" (POST /loki/api/v1/push, JSON): `{"streams":[{"stream":{labels},"values":
 * [["<ns>","<line>",{structured metadata}]]}]}`. Label names must match [a-zA-Z_][a-zA-Z0-9_]* (Loki
 * answers 400 "couldn't parse labels" otherwise). An entry with the same stream, timestamp, line and
 * structured metadata as one already stored is dropped; one that differs only in its metadata is kept
 * (Loki docs, "Timestamp ordering": identical entries in a stream are deduplicated; source
 * pkg/chunkenc/unordered.go, unorderedHeadBlock.Append, compares line and structured metadata).
 */
function pushInto(entries: StoredEntry[], body: string): StoredEntry[] {
  let parsed: { streams?: Array<{ stream?: Record<string, string>; values?: unknown[][] }> };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ParseError('loghttp.PushRequest: cannot parse the request body as JSON');
  }
  const identity = (streamKey: string, ts: string | bigint, line: string, metadata: Record<string, string>) =>
    `${streamKey}\u0000${ts}\u0000${labelsKey(metadata)}\u0000${line}`;
  const seen = new Set(entries.map((e) => identity(e.streamKey, e.tsNs, e.line, e.metadata)));
  for (const s of parsed.streams ?? []) {
    const stream = s.stream ?? {};
    for (const name of Object.keys(stream)) {
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw new ParseError(`couldn't parse labels: invalid label name ${JSON.stringify(name)}`);
    }
    const streamKey = labelsKey(stream);
    for (const v of s.values ?? []) {
      const [ts, line, metadata] = v as [string, string, Record<string, string> | undefined];
      if (typeof ts !== 'string' || !/^\d+$/.test(ts) || typeof line !== 'string') throw new ParseError(`invalid entry ${JSON.stringify(v).slice(0, 100)}`);
      const key = identity(streamKey, ts, line, metadata ?? {});
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ stream, streamKey, tsNs: BigInt(ts), line, metadata: metadata ?? {} });
    }
  }
  return entries;
}

/**
 * API docs, "Query logs within a range of time" (GET /loki/api/v1/query_range): `limit` defaults to 100;
 * `start` is inclusive, `end` exclusive; times are Unix nanoseconds or (with a fraction, or as digits
 * short of nanoseconds) seconds, or RFC3339; `direction` is `forward` or `backward` (the default). The
 * limit counts entries across all streams; the answer is `{"status":"success","data":{"resultType":
 * "streams","result":[{"stream":{..},"values":[["<ns>","<line>"]]}],"stats":{..}}}`. With
 * `X-Loki-Response-Encoding-Flags: categorize-labels` a value carries a third element with
 * `structuredMetadata` (pkg/util/marshal/query.go, encodeStream) — the fake always sends it when there is
 * metadata, which the client asks for on every request. A limit above max_entries_limit_per_query is
 * refused with 400 and Loki's message (pkg/validation, ErrMaxEntriesLimit).
 */
function queryRange(entries: StoredEntry[], params: URLSearchParams, maxLimit: number): unknown {
  const { matchers, filters } = parseQuery(params.get('query') ?? '');
  const limit = params.has('limit') ? Number(params.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 0) throw new ParseError(`invalid limit: ${params.get('limit')}`);
  if (limit > maxLimit) throw new ParseError(`max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${maxLimit})`);
  const now = BigInt(Date.now()) * 1_000_000n;
  const end = params.has('end') ? parseTime(params.get('end')!) : now;
  const start = params.has('start') ? parseTime(params.get('start')!) : end - 3_600_000_000_000n;
  const direction = params.get('direction') ?? 'backward';
  if (direction !== 'forward' && direction !== 'backward') throw new ParseError(`invalid direction: ${direction}`);
  const matching = entries
    .filter((e) => e.tsNs >= start && e.tsNs < end && matches(e, matchers, filters))
    .sort((a, b) => (a.tsNs === b.tsNs ? 0 : a.tsNs < b.tsNs === (direction === 'forward') ? -1 : 1))
    .slice(0, limit);
  const streams = new Map<string, { stream: Record<string, string>; values: unknown[][] }>();
  for (const e of matching) {
    let s = streams.get(e.streamKey);
    if (!s) streams.set(e.streamKey, (s = { stream: e.stream, values: [] }));
    s.values.push(Object.keys(e.metadata).length > 0 ? [String(e.tsNs), e.line, { structuredMetadata: e.metadata }] : [String(e.tsNs), e.line]);
  }
  return { status: 'success', data: { resultType: 'streams', result: [...streams.values()], stats: { summary: { totalEntriesReturned: matching.length } } } };
}

/** API docs, "Query log streams" (GET /loki/api/v1/series): one or more match[] selectors, start/end. */
function series(entries: StoredEntry[], params: URLSearchParams): Array<Record<string, string>> {
  const selectors = params.getAll('match[]').map((q) => parseQuery(q));
  if (selectors.length === 0) throw new ParseError('at least one match[] argument must be provided');
  const start = params.has('start') ? parseTime(params.get('start')!) : 0n;
  const end = params.has('end') ? parseTime(params.get('end')!) : BigInt(Date.now()) * 1_000_000n;
  const out = new Map<string, Record<string, string>>();
  for (const e of entries) {
    if (e.tsNs < start || e.tsNs >= end) continue;
    if (selectors.some((s) => matches(e, s.matchers, []))) out.set(e.streamKey, e.stream);
  }
  return [...out.values()];
}

/** API docs, "Query label names" (GET /loki/api/v1/labels). */
function labelNames(entries: StoredEntry[], params: URLSearchParams): string[] {
  const start = params.has('start') ? parseTime(params.get('start')!) : 0n;
  const end = params.has('end') ? parseTime(params.get('end')!) : BigInt(Date.now()) * 1_000_000n;
  const names = new Set<string>();
  for (const e of entries) if (e.tsNs >= start && e.tsNs < end) for (const k of Object.keys(e.stream)) names.add(k);
  return [...names].sort();
}

/**
 * API docs, "Timestamps": Unix ns, Unix seconds (a float), or RFC3339(Nano). An integer of at most 10
 * characters is read as seconds (source pkg/loghttp/params.go, parseTimestamp), so nanoseconds before
 * 1970-01-01T00:00:10Z must be zero-padded.
 */
function parseTime(text: string): bigint {
  if (/^\d+$/.test(text)) return text.length > 10 ? BigInt(text) : BigInt(text) * 1_000_000_000n;
  if (/^\d+\.\d+$/.test(text)) {
    const [s, frac] = text.split('.');
    return BigInt(s) * 1_000_000_000n + BigInt(frac.slice(0, 9).padEnd(9, '0'));
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new ParseError(`invalid parameter: cannot parse "${text}" to a valid timestamp`);
  return BigInt(ms) * 1_000_000n;
}

/**
 * The LogQL the fake understands: `{name op "value", ...}` then `|= "s"`, `!= "s"`, `|~ "re"`, `!~ "re"`
 * (LogQL docs, "Log stream selector" and "Line filter expression"). Anything else: Loki's 400 parse error
 * shape, `parse error at line 1, col N: syntax error: ...`.
 */
function parseQuery(query: string): { matchers: Matcher[]; filters: LineFilter[] } {
  const q = query.trim();
  const fail = (col: number, what: string) => new ParseError(`parse error at line 1, col ${col + 1}: syntax error: ${what}`);
  if (!q.startsWith('{')) throw fail(0, 'unexpected input, expecting {');
  const close = findClose(q);
  if (close < 0) throw fail(q.length, 'unexpected end of input, expecting }');
  const matchers: Matcher[] = [];
  const inner = q.slice(1, close);
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|`[^`]*`)\s*(,|$)/y;
  let pos = 0;
  while (pos < inner.length) {
    re.lastIndex = pos;
    const m = re.exec(inner);
    if (!m) throw fail(1 + pos, 'unexpected input in stream selector');
    const value = m[3].startsWith('`') ? m[3].slice(1, -1) : (JSON.parse(m[3]) as string);
    const op = m[2] as Matcher['op'];
    matchers.push({ name: m[1], op, value, re: op === '=~' || op === '!~' ? new RegExp(`^(?:${value})$`) : undefined });
    pos = re.lastIndex;
  }
  if (matchers.length === 0) throw fail(1, 'queries require at least one matcher');
  const filters: LineFilter[] = [];
  let rest = q.slice(close + 1);
  const lf = /^\s*(\|=|!=|\|~|!~)\s*("(?:[^"\\]|\\.)*"|`[^`]*`)/;
  while (rest.trim().length > 0) {
    const m = lf.exec(rest);
    if (!m) throw fail(q.length - rest.length, `unexpected ${JSON.stringify(rest.trim().slice(0, 20))}`);
    const value = m[2].startsWith('`') ? m[2].slice(1, -1) : (JSON.parse(m[2]) as string);
    const op = m[1] as LineFilter['op'];
    filters.push({ op, value, re: op === '|~' || op === '!~' ? new RegExp(value) : undefined });
    rest = rest.slice(m[0].length);
  }
  return { matchers, filters };
}

function findClose(q: string): number {
  for (let i = 1; i < q.length; i++) {
    if (q[i] === '"') {
      for (i++; i < q.length && q[i] !== '"'; i++) if (q[i] === '\\') i++;
    } else if (q[i] === '`') i = q.indexOf('`', i + 1);
    else if (q[i] === '}') return i;
    if (i < 0) return -1;
  }
  return -1;
}

function matches(e: StoredEntry, matchers: Matcher[], filters: LineFilter[]): boolean {
  for (const m of matchers) {
    const v = e.stream[m.name] ?? '';
    if (m.op === '=' && v !== m.value) return false;
    if (m.op === '!=' && v === m.value) return false;
    if (m.op === '=~' && !m.re!.test(v)) return false;
    if (m.op === '!~' && m.re!.test(v)) return false;
  }
  for (const f of filters) {
    if (f.op === '|=' && !e.line.includes(f.value)) return false;
    if (f.op === '!=' && e.line.includes(f.value)) return false;
    if (f.op === '|~' && !f.re!.test(e.line)) return false;
    if (f.op === '!~' && f.re!.test(e.line)) return false;
  }
  return true;
}

function labelsKey(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage, cap: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= cap) chunks.push(c);
    });
    req.on('end', () => resolve(size > cap ? 'x'.repeat(cap) : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** API docs: errors are answered as text/plain bodies (the message alone). */
function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

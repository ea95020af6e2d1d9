// The HTTP layer every Loki call goes through: tenant and auth headers, a timeout per attempt, bounded
// retries with backoff on what is worth retrying (429, 5xx, timeouts, connection errors; Retry-After
// honoured), and Loki's plain-text error bodies turned into LokiError messages a person can act on.
import { backoffDelay, parseRetryAfter, sleep, type BackoffOptions } from './backoff.js';

export type LokiAuth = { username: string; password: string } | { bearerToken: string };

export interface LokiClientOptions {
  /** Base URL, e.g. http://127.0.0.1:3100 (a path prefix such as /loki behind a proxy is kept). */
  url: string;
  /** Sent as X-Scope-OrgID; required when Loki runs with auth_enabled. */
  tenant?: string;
  auth?: LokiAuth;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Per attempt, body included. Default 30 s. */
  timeoutMs?: number;
  /** Attempts per request, the first included. Default 5. */
  maxAttempts?: number;
  /** Backoff between attempts. Default 250 ms doubling, at most 10 s. */
  backoff?: BackoffOptions;
  /** Longest Retry-After obeyed. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Told about every retry (for logs and tests). */
  onRetry?: (retry: { path: string; attempt: number; delayMs: number; reason: string }) => void;
}

export type QueryParams = Record<string, string | number | bigint | undefined>;

export interface LokiRequest {
  method?: 'GET' | 'POST';
  query?: QueryParams;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A failed Loki call. `status` is undefined when no HTTP response came back (unreachable, timeout). */
export class LokiError extends Error {
  override readonly name = 'LokiError';
  constructor(
    message: string,
    readonly url: string,
    readonly path: string,
    readonly status: number | undefined,
    /** Loki's own words (its response body), or the network error. */
    readonly lokiMessage: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export class LokiHttp {
  readonly baseUrl: string;
  readonly tenant: string | undefined;
  private readonly opts: LokiClientOptions;

  constructor(opts: LokiClientOptions) {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new Error(`not a Loki URL: ${JSON.stringify(opts.url)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`not an http(s) Loki URL: ${opts.url}`);
    this.baseUrl = url.toString().replace(/\/+$/, '');
    this.tenant = opts.tenant;
    this.opts = opts;
  }

  /** Tenant, auth and custom headers, as every request sends them. */
  headers(): Record<string, string> {
    const h: Record<string, string> = { ...this.opts.headers };
    if (this.opts.tenant) h['X-Scope-OrgID'] = this.opts.tenant;
    const auth = this.opts.auth;
    if (auth && 'bearerToken' in auth) h.Authorization = `Bearer ${auth.bearerToken}`;
    else if (auth) h.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return h;
  }

  endpoint(path: string, query?: QueryParams): URL {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /** Sends one request, retrying as configured; resolves to the body of a 2xx response. */
  async request(path: string, req: LokiRequest = {}): Promise<string> {
    const method = req.method ?? 'GET';
    const maxAttempts = Math.max(1, this.opts.maxAttempts ?? 5);
    const url = this.endpoint(path, req.query);
    const headers = { ...this.headers(), ...req.headers };
    if (req.contentType) headers['Content-Type'] = req.contentType;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(method, path, url, headers, req);
      if (typeof outcome === 'string') return outcome;
      if (!outcome.error.retryable || attempt >= maxAttempts) {
        if (attempt > 1) outcome.error.message += ` (after ${attempt} attempts)`;
        throw outcome.error;
      }
      const delayMs =
        outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, this.opts.maxRetryAfterMs ?? 60_000) : backoffDelay(attempt - 1, this.opts.backoff);
      this.opts.onRetry?.({ path, attempt, delayMs, reason: outcome.error.message });
      await sleep(delayMs, req.signal);
    }
  }

  async getJson<T>(path: string, query: QueryParams, req: Omit<LokiRequest, 'query' | 'method' | 'body'> = {}): Promise<T> {
    const body = await this.request(path, { ...req, query });
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new LokiError(`Loki GET ${path} answered with something that is not JSON: ${body.slice(0, 200)}`, this.baseUrl, path, 200, body, false);
    }
  }

  private async attempt(
    method: string,
    path: string,
    url: URL,
    headers: Record<string, string>,
    req: LokiRequest,
  ): Promise<string | { error: LokiError; retryAfterMs?: number }> {
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const res = await fetch(url, { method, headers, body: req.body, signal });
      const text = await res.text();
      if (res.ok) return text;
      const retryable = res.status === 429 || (res.status >= 500 && res.status !== 501 && res.status !== 505);
      const message = lokiMessage(text) || res.statusText;
      const error = new LokiError(`Loki ${method} ${path} → ${res.status}: ${message}`, this.baseUrl, path, res.status, message, retryable);
      return { error, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) };
    } catch (err) {
      // The caller's own cancellation is not a failure to retry or to explain.
      if (req.signal?.aborted) throw req.signal.reason;
      if (timeout.aborted) {
        const msg = `no answer within ${timeoutMs} ms`;
        return { error: new LokiError(`Loki ${method} ${path} at ${this.baseUrl}: ${msg}`, this.baseUrl, path, undefined, msg, true) };
      }
      const msg = networkMessage(err);
      return { error: new LokiError(`cannot reach Loki at ${this.baseUrl} (${method} ${path}: ${msg})`, this.baseUrl, path, undefined, msg, true) };
    }
  }
}

/** Loki answers errors in plain text; some proxies and older endpoints answer JSON. */
function lokiMessage(body: string): string {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as { error?: unknown; message?: unknown };
      const msg = json.error ?? json.message;
      if (typeof msg === 'string') return msg;
    } catch {
      // not JSON after all
    }
  }
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/** fetch() hides the socket error in `cause` (undici): "fetch failed" alone helps nobody. */
function networkMessage(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.message) return cause.message;
  if (cause?.code) return cause.code;
  return err instanceof Error ? err.message : String(err);
}

// The HTTP layer of the VictoriaLogs client: tenant headers, a timeout per attempt, bounded retries with
// backoff on what is worth retrying (429, 5xx, timeouts, connection errors; Retry-After honoured), and
// VictoriaLogs' plain-text error bodies turned into errors a person can act on. Queries go as POST forms
// (docs/victorialogs/querying/README.md: "via request body with the x-www-form-urlencoded encoding"), so
// that long queries fit.
import { backoffDelay, parseRetryAfter, sleep } from '../loki/backoff.js';
import { tenantHeaders, type VictoriaLogsTenant } from './tenant.js';

export interface VictoriaLogsClientOptions {
  /** Base URL, e.g. http://127.0.0.1:9428. */
  url: string;
  tenant?: VictoriaLogsTenant;
  /** Per attempt, body included. Default 30 s. */
  timeoutMs?: number;
  /** Attempts per request, the first included. Default 5. */
  maxAttempts?: number;
}

export class VictoriaLogsError extends Error {
  override readonly name = 'VictoriaLogsError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export class VictoriaLogsHttp {
  readonly baseUrl: string;

  constructor(private readonly opts: VictoriaLogsClientOptions) {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new Error(`not a VictoriaLogs URL: ${JSON.stringify(opts.url)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`not an http(s) VictoriaLogs URL: ${opts.url}`);
    this.baseUrl = url.toString().replace(/\/+$/, '');
  }

  /** POSTs a form and resolves to the body of a 2xx answer, retrying as configured. */
  async post(path: string, form: Record<string, string>, signal?: AbortSignal): Promise<string> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form).toString(), contentType: 'application/x-www-form-urlencoded' }, signal);
  }

  async get(path: string, signal?: AbortSignal): Promise<string> {
    return this.request(path, { method: 'GET' }, signal);
  }

  private async request(path: string, req: { method: string; body?: string; contentType?: string }, signal?: AbortSignal): Promise<string> {
    const maxAttempts = Math.max(1, this.opts.maxAttempts ?? 5);
    const headers: Record<string, string> = { ...tenantHeaders(this.opts.tenant) };
    if (req.contentType) headers['Content-Type'] = req.contentType;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(path, req, headers, signal);
      if (typeof outcome === 'string') return outcome;
      if (!outcome.error.retryable || attempt >= maxAttempts) {
        if (attempt > 1) outcome.error.message += ` (after ${attempt} attempts)`;
        throw outcome.error;
      }
      await sleep(outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, 60_000) : backoffDelay(attempt - 1), signal);
    }
  }

  private async attempt(
    path: string,
    req: { method: string; body?: string },
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<string | { error: VictoriaLogsError; retryAfterMs?: number }> {
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await fetch(this.baseUrl + path, { method: req.method, headers, body: req.body, signal: combined });
      const text = await res.text();
      if (res.ok) return text;
      const retryable = res.status === 429 || (res.status >= 500 && res.status !== 501 && res.status !== 505);
      const words = text.trim().slice(0, 2000) || res.statusText;
      return {
        error: new VictoriaLogsError(`VictoriaLogs ${req.method} ${path} → ${res.status}: ${words}`, res.status, retryable),
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        return { error: new VictoriaLogsError(`VictoriaLogs ${req.method} ${path} at ${this.baseUrl}: no answer within ${timeoutMs} ms`, undefined, true) };
      }
      const cause = (err as { cause?: { message?: string; code?: string } }).cause;
      const msg = cause?.message ?? cause?.code ?? (err as Error).message;
      return { error: new VictoriaLogsError(`cannot reach VictoriaLogs at ${this.baseUrl} (${req.method} ${path}: ${msg})`, undefined, true) };
    }
  }
}

/**
 * Makes the rows pushed so far searchable now (`/internal/force_flush`, VictoriaLogs docs "Forced
 * flush"); otherwise they become searchable about a second later. Throws with the status on refusal.
 */
export async function forceFlush(baseUrl: string): Promise<void> {
  const res = await fetch(new URL('/internal/force_flush', baseUrl.replace(/\/*$/, '/')));
  await res.text();
  if (!res.ok) throw new Error(`VictoriaLogs /internal/force_flush answered ${res.status}`);
}

// Delays between retries and reconnects: exponential backoff with jitter, and Retry-After.

export interface BackoffOptions {
  /** First delay; doubles per attempt. */
  baseDelayMs?: number;
  /** Cap on any one delay, Retry-After included. */
  maxDelayMs?: number;
}

/**
 * Delay before retry number `attempt` (0 for the first retry): "equal jitter", a random value between
 * half and all of base·2^attempt, so that clients that failed together do not retry together.
 */
export function backoffDelay(attempt: number, { baseDelayMs = 250, maxDelayMs = 10_000 }: BackoffOptions = {}): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Retry-After as milliseconds (delay-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// One websocket to Loki's /loki/api/v1/tail: the handshake with tenant and auth headers, Loki's HTTP
// refusals turned into LokiError (a bad query is final, a 5xx is worth retrying), and a liveness check.
import WebSocket from 'ws';
import { LokiError, type LokiHttp } from './http.js';
import { nowNs } from './entry.js';

export interface TailSocketOptions {
  query: string;
  delayForSec: number;
  headers: Record<string, string>;
  /** Loki pings every second; silence this long means the connection is dead. */
  idleTimeoutMs: number;
  signal: AbortSignal;
  onMessage: (data: string) => void;
}

export interface TailSocket {
  ws: WebSocket;
  /** Resolves with a description of why the socket closed. */
  closed: Promise<string>;
  /** Stops reading (TCP then pushes back on Loki); the liveness check waits too. */
  pause(): void;
  resume(): void;
}

const path = '/loki/api/v1/tail';

/** Resolves once the socket is open; rejects with a LokiError if Loki refuses or cannot be reached. */
export function openTailSocket(http: LokiHttp, o: TailSocketOptions): Promise<TailSocket> {
  // Loki's own history on connect (start, limit) is kept minimal: gaps are read with query_range instead.
  const url = http.endpoint(path, { query: o.query, delay_for: o.delayForSec, limit: 1, start: nowNs() });
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, { headers: { ...http.headers(), ...o.headers }, handshakeTimeout: 10_000 });
  const abort = () => ws.terminate();
  o.signal.addEventListener('abort', abort, { once: true });

  let idleTimer: NodeJS.Timeout | undefined;
  const alive = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => ws.terminate(), o.idleTimeoutMs);
  };
  let lastError: Error | undefined;
  const closed = new Promise<string>((resolve) => {
    ws.on('close', (code, reason) => {
      clearTimeout(idleTimer);
      o.signal.removeEventListener('abort', abort);
      const why = reason.toString() || lastError?.message || 'connection lost';
      resolve(`tail websocket closed (${code}): ${why}`);
    });
  });

  return new Promise<TailSocket>((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const message = body.trim() || res.statusMessage || 'refused';
        const retryable = status === 429 || status >= 500;
        reject(new LokiError(`Loki GET ${path} → ${status}: ${message}`, http.baseUrl, path, status, message, retryable));
        ws.terminate();
      });
    });
    ws.on('error', (err) => {
      lastError = err;
      const msg = (err as NodeJS.ErrnoException).code ?? err.message;
      reject(new LokiError(`cannot reach Loki at ${http.baseUrl} (tail websocket: ${err.message})`, http.baseUrl, path, undefined, msg, true));
    });
    ws.on('open', () => {
      alive();
      resolve({
        ws,
        closed,
        pause: () => {
          clearTimeout(idleTimer);
          ws.pause();
        },
        resume: () => {
          ws.resume();
          alive();
        },
      });
    });
    ws.on('ping', alive);
    ws.on('message', (data, isBinary) => {
      alive();
      if (!isBinary) o.onMessage(data.toString());
    });
  });
}

// Test-only loopback proxies in front of a real log store (VictoriaLogs in the service tests; any HTTP
// server): one that injects HTTP faults, one that can refuse TCP connections for a while (a store that
// is "away" without losing its data).
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';

export type Fault = 'pass' | '429' | '500' | 'slow';

export interface FaultProxy {
  url: string;
  /** What each request got, in order. */
  log: Array<{ path: string; fault: Fault }>;
  /** Headers of the last request. */
  lastHeaders: IncomingMessage['headers'] | undefined;
  close(): Promise<void>;
}

/**
 * Forwards to `target`, answering request n with `faults[n % faults.length]` instead: 429 with
 * Retry-After, 500 with a plain-text body, or silence for `slowMs` followed by a dropped connection.
 * With `faultPaths`, only requests whose path starts with one of them take a fault and count; the rest
 * (a health probe running beside the reads) pass, so the reads meet the faults in the order given.
 */
export async function startFaultProxy(
  target: string,
  faults: Fault[],
  { slowMs = 2000, retryAfter = '1', faultPaths }: { slowMs?: number; retryAfter?: string; faultPaths?: string[] } = {},
): Promise<FaultProxy> {
  const proxy: FaultProxy = { url: '', log: [], lastHeaders: undefined, close: async () => {} };
  let faulted = 0;
  const server = createHttpServer(async (req, res) => {
    const path = req.url ?? '';
    const fault: Fault = faultPaths && !faultPaths.some((p) => path.startsWith(p)) ? 'pass' : faults[faulted++ % faults.length];
    proxy.log.push({ path, fault });
    proxy.lastHeaders = req.headers;
    const body = await readBody(req);
    if (fault === '429') {
      res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': retryAfter }).end('too many requests (injected)');
      return;
    }
    if (fault === '500') {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error (injected)');
      return;
    }
    if (fault === 'slow') {
      setTimeout(() => res.destroy(), slowMs);
      return;
    }
    let upstream: Response;
    try {
      upstream = await fetch(target + req.url, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>,
        body: req.method === 'GET' ? undefined : body,
      });
    } catch (err) {
      // As a real proxy would: a failed upstream call is a 502, not a crash of the test process.
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`upstream failed: ${(err as Error).message}`);
      return;
    }
    const headers: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding') headers[k] = v;
    });
    res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
  });
  proxy.url = await listen(server);
  proxy.close = () => closeServer(server);
  return proxy;
}

export interface TcpGate {
  url: string;
  /** Refuse new connections (existing ones carry on). */
  shut(): void;
  open(): void;
  close(): Promise<void>;
}

/** A byte-level proxy to `target` (HTTP and websockets alike) that can refuse connections. */
export async function startTcpGate(target: string): Promise<TcpGate> {
  const { hostname, port } = new URL(target);
  let isOpen = true;
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    if (!isOpen) return client.destroy();
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const url = await listen(server);
  return {
    url,
    shut: () => (isOpen = false),
    open: () => (isOpen = true),
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

/** A loopback port nobody listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const srv = createTcpServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`));
  });
}

function closeServer(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

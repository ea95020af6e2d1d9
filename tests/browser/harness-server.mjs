// Serves test-output/harness on a free loopback port; any path that is not a file gets index.html,
// so the app routes (/a/logatlas-logatlas-app/similar?...) load the harness like Grafana's SPA would.
// /engine/<route> is proxied to the real engine's /api/v1/<route> with the bearer token added here, on
// the server side, as the plugin's Go backend does in Grafana: the token never reaches the page.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.svg': 'image/svg+xml', '.css': 'text/css' };

async function proxy(req, res, engine) {
  const target = new URL(req.url.replace(/^\/engine\//, '/api/v1/'), engine.url);
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = { Authorization: `Bearer ${engine.token}` };
  if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
  try {
    const r = await fetch(target, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  } catch (err) {
    res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: `engine unreachable: ${err.message}` }));
  }
}

/** engine = { url, token } of a real `logatlas serve`. */
export async function serveHarness(root, engine) {
  const server = createServer(async (req, res) => {
    if (req.url.startsWith('/engine/')) return proxy(req, res, engine);
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    for (const file of [join(root, path), join(root, 'index.html')]) {
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
        return;
      } catch {}
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

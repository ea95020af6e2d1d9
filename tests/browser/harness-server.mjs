// Serves test-output/harness on a free loopback port; any path that is not a file gets index.html, so
// the app routes (/a/logatlas-logatlas-app/similar?...) load the harness like Grafana's SPA would.
// /api/* goes to the FAKE of Grafana's data source routes (tests/browser/grafana-api, started here),
// which runs the REAL Go data source against the real engine: the engine's token stays on the server
// side, in the data source's settings, as in Grafana. The page never sees it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const uiPublic = new URL('../../node_modules/@grafana/ui/dist/public/', import.meta.url).pathname;
const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.svg': 'image/svg+xml', '.css': 'text/css' };

/** Starts the grafana-api binary for the engine; resolves { url, stop }. */
function startGrafanaApi(binary, engine) {
  const jsonData = JSON.stringify({ lokiDatasourceUid: 'loki-1', defaultWatch: engine.watch });
  const child = spawn(binary, ['-listen', '127.0.0.1:0', '-uid', 'logatlas-harness', '-engine', engine.url, '-token', engine.token, '-json', jsonData], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => new Promise((r) => { if (child.exitCode !== null) return r(); child.once('exit', r); child.kill('SIGTERM'); }) });
    });
    child.once('exit', (code) => reject(new Error(`grafana-api exited ${code}`)));
  });
}

async function proxy(req, res, target) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = {};
  if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
  try {
    const r = await fetch(new URL(req.url, target), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  } catch (err) {
    res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: `grafana-api unreachable: ${err.message}` }));
  }
}

/** engine = { url, token, watch } of a real `logatlas serve`; grafanaApi = the built tests/browser/grafana-api binary. */
export async function serveHarness(root, engine, grafanaApi) {
  const api = await startGrafanaApi(grafanaApi, engine);
  const server = createServer(async (req, res) => {
    if (req.url.startsWith('/api/')) return proxy(req, res, api.url);
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    // Grafana serves @grafana/ui's icons under public/ (FAKE of its static files: those @grafana/ui ships)
    const pub = /\/public\/(?:build\/)?(.*)$/.exec(path);
    const files = pub ? [join(uiPublic, pub[1])] : [join(root, path), join(root, 'index.html')];
    for (const file of files) {
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
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      await new Promise((r) => server.close(r));
      await api.stop();
    },
  };
}

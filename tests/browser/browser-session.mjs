// What every browser test file shares: the real engine run.mjs started (read directly, with the token
// the page never sees), the harness server in front of the FAKE Grafana routes, and Chromium.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveHarness } from './harness-server.mjs';

export const root = new URL('../..', import.meta.url).pathname;
export const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });
export const APP = '/a/logatlas-logatlas-app';
const { LOGATLAS_ENGINE_URL: engineUrl, LOGATLAS_ENGINE_TOKEN: token, LOGATLAS_ENGINE_WATCH: watch, LOGATLAS_ENGINE_SELECTOR: selector, LOGATLAS_GRAFANA_API: grafanaApi, LOGATLAS_STORE_URL: storeUrl } = process.env;
export { watch, selector, storeUrl };

/** The engine's own answer, asked directly: [status, body]. */
export async function engineCall(path, { method = 'GET', body } = {}) {
  const res = await fetch(`${engineUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return [res.status, text ? JSON.parse(text) : undefined];
}

/** The engine's answer, which must be a success. */
export async function engine(path, body) {
  const [status, data] = await engineCall(path, body ? { method: 'POST', body } : {});
  assert.ok(status >= 200 && status < 300, `engine ${path}: ${status} ${JSON.stringify(data)}`);
  return data;
}

/** Whether the engine has a route (its OpenAPI document lists it). */
export async function engineHasRoute(method, path) {
  const res = await fetch(`${engineUrl}/api/v1/openapi.json`);
  const doc = await res.json();
  return Boolean(Object.entries(doc.paths ?? {}).find(([p, ops]) => p.replace(/^\/api\/v1/, '') === path && ops[method.toLowerCase()]));
}

/** Starts the harness server and Chromium once per test file; returns { open, close }. */
export async function startSession() {
  assert.ok(engineUrl && token && watch && grafanaApi, 'no real engine: run these tests through tests/browser/run.mjs (npm run test:browser)');
  const server = await serveHarness(join(root, 'test-output', 'harness'), { url: engineUrl, token, watch }, grafanaApi);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  /** Opens a harness path; errors collects page errors and any request that carries a token. */
  async function open(path, { theme = 'dark', width = 1400, height = 1300 } = {}) {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors = [];
    const queries = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (r.headers().authorization) errors.push(`the page sent a token to ${r.url()}`);
      if (r.url().includes('/api/ds/query')) {
        const body = JSON.parse(r.postData());
        queries.push(...body.queries.map((q) => ({ ...q, from: body.from, to: body.to })));
      }
    });
    const sep = path.includes('?') ? '&' : '?';
    await page.goto(`${server.url}${path}${sep}theme=${theme}`);
    return { page, errors, queries };
  }
  return {
    url: server.url,
    open,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Screenshot of the whole page, for docs/img when LOGATLAS_SCREENSHOTS_TO_DOCS is set (see run.mjs). */
export async function screenshot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** The query of a link as Grafana reads it (@grafana/data urlUtil.parseKeyValue: percent-decoding only;
 * a "+" stays a plus, unlike form encoding, and LinkButton writes regex "+" as is). */
export function grafanaQuery(href) {
  const out = {};
  for (const part of (href.split('?')[1] ?? '').split('&')) {
    const at = part.indexOf('=');
    if (at > 0) out[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1));
  }
  return out;
}

/** The first query of an Explore link's pane. */
export function exploreExpr(href) {
  return JSON.parse(grafanaQuery(href).panes).la.queries[0].expr;
}

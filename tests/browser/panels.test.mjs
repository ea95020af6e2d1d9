// The panels, the similar-events flow and the editors in Chromium with the real @grafana/ui (harness
// page, fake-engine fixtures). Screenshots: test-output/screenshots/*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveHarness } from './harness-server.mjs';

const root = new URL('../..', import.meta.url).pathname;
const shots = join(root, 'test-output', 'screenshots');
mkdirSync(shots, { recursive: true });
let server;
let browser;

before(async () => {
  server = await serveHarness(join(root, 'test-output', 'harness'));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openHarness(theme = 'dark') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/?theme=${theme}`);
  await page.getByTestId('logatlas-pattern-map').waitFor();
  return { page, errors };
}

/** Moves the mouse over the map until the tooltip shows a pattern; returns that spot. */
async function findPoint(page) {
  const box = await page.getByTestId('logatlas-pattern-map').boundingBox();
  for (let y = 20; y < box.height - 20; y += 9) {
    for (let x = 20; x < box.width - 20; x += 9) {
      await page.mouse.move(box.x + x, box.y + y);
      if (await page.getByTestId('logatlas-map-tooltip').isVisible()) return { x: box.x + x, y: box.y + y };
    }
  }
  throw new Error('no point found under the mouse anywhere on the map');
}

test('pattern map draws every cluster, hover names the pattern, click opens its similar events', async () => {
  const { page, errors } = await openHarness();
  // the canvas has coloured pixels in several hues (clusters) and is not blank
  const hues = await page.getByTestId('logatlas-pattern-map').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) if (d[i + 3] > 200) seen.add(`${d[i] >> 5},${d[i + 1] >> 5},${d[i + 2] >> 5}`);
    return seen.size;
  });
  assert.ok(hues >= 4, `only ${hues} colours drawn`);
  const legend = await page.getByRole('group', { name: /Clusters/ }).getByRole('button').allTextContents();
  assert.deepEqual([...legend.map((s) => s.trim())].sort(), ['c0', 'c1', 'c2', 'noise']);
  assert.equal(legend.at(-1).trim(), 'noise', 'noise is listed last');

  const spot = await findPoint(page);
  const tooltip = await page.getByTestId('logatlas-map-tooltip').textContent();
  assert.match(tooltip, /events? · cluster (c\d|noise)/);
  await page.screenshot({ path: join(shots, 'pattern-map-hover.png'), clip: await page.locator('#scatter').boundingBox() });

  await page.mouse.click(spot.x, spot.y);
  const similar = page.getByTestId('harness-similar-page');
  await page.waitForFunction(() => location.pathname === '/a/logatlas-logatlas-app/similar');
  const pattern = await similar.getAttribute('data-pattern');
  assert.match(pattern, /^p\d+$/);
  const results = page.getByTestId('logatlas-similar-result');
  await results.first().waitFor();
  assert.equal(await results.count(), 3);
  const searches = await page.evaluate(() => window.__similarSearches);
  assert.deepEqual(searches.at(-1), { pattern, watch: 'auth', k: 10 });
  const first = await results.first().textContent();
  assert.match(first, /0\.040 · same meaning/);
  assert.match(first, /1,210 events · cluster c0/);
  const explore = await results.first().getByRole('link', { name: /Open in Explore/ }).getAttribute('href');
  assert.match(decodeURIComponent(explore), /"expr":"\{host=\\"bastion\\",job=\\"auth\\"\}"/);
  await page.screenshot({ path: join(shots, 'similar-events.png'), clip: await page.locator('#similar').boundingBox() });

  // follow a result to its own similar events
  await results.nth(1).getByRole('button', { name: /Similar to this/ }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('pattern') === 'p17');
  await page.waitForFunction(() => window.__similarSearches.at(-1)?.pattern === 'p17');
  assert.deepEqual(errors, []);
  await page.close();
});

test('pattern map is keyboard usable: focus, step through points, Enter opens similar events', async () => {
  const { page } = await openHarness();
  const map = page.getByTestId('logatlas-pattern-map');
  await map.focus();
  await page.keyboard.press('n');
  const biggest = await page.getByTestId('logatlas-map-tooltip').textContent();
  await page.keyboard.press('n');
  assert.notEqual(await page.getByTestId('logatlas-map-tooltip').textContent(), biggest);
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.pathname.endsWith('/similar'));
  await page.getByTestId('logatlas-similar-result').first().waitFor();
  // hiding a cluster from the legend removes its colour from the canvas
  await page.goto(`${server.url}/?theme=dark`);
  await map.waitFor();
  const count = () => map.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  const before = await count();
  await page.getByRole('button', { name: 'c0' }).press('Enter');
  assert.equal(await page.getByRole('button', { name: 'c0' }).getAttribute('aria-pressed'), 'false');
  const afterHide = await count();
  assert.ok(afterHide < before * 0.9, `hiding c0 left ${afterHide} of ${before} painted pixels`);
  await page.close();
});

test('similar explorer: typing a line and pressing Enter searches it', async () => {
  const { page } = await openHarness('light');
  await page.evaluate(() => window.__locationService.push('/a/logatlas-logatlas-app/similar?watch=auth'));
  const box = page.getByPlaceholder(/Paste a log line/);
  await box.fill('sshd[9]: Failed password for admin from 198.51.100.4 port 4242 ssh2');
  await box.press('Enter');
  await page.getByTestId('logatlas-similar-result').first().waitFor();
  const searches = await page.evaluate(() => window.__similarSearches);
  assert.deepEqual(searches.at(-1), { line: 'sshd[9]: Failed password for admin from 198.51.100.4 port 4242 ssh2', watch: 'auth', k: 10 });
  await page.screenshot({ path: join(shots, 'harness-light.png'), fullPage: true });
  await page.close();
});

test('query and config editors work with the real @grafana/ui', async () => {
  const { page, errors } = await openHarness();
  const qe = page.locator('#query-editor');
  await qe.getByLabel('Outliers').click({ force: true });
  await qe.locator('#logatlas-limit').waitFor();
  assert.equal(await page.evaluate(() => window.__query.queryType), 'outliers');
  await qe.getByLabel('Similar', { exact: true }).click({ force: true });
  await qe.locator('#logatlas-line').fill('kernel: panic');
  assert.equal(await page.evaluate(() => window.__query.line), 'kernel: panic');
  // the watch list comes from the data source
  await qe.locator('#logatlas-watch').click();
  await page.getByText('{job="payments"}').waitFor();
  await page.keyboard.press('Escape');
  await page.screenshot({ path: join(shots, 'query-editor.png'), clip: await qe.boundingBox() });

  const ce = page.locator('#config-editor');
  await ce.locator('#logatlas-engine-url').fill('engine:8377');
  await ce.getByText('Enter an http:// or https:// URL').waitFor();
  await ce.locator('#logatlas-engine-url').fill('http://engine:8377');
  assert.equal(await page.evaluate(() => window.__settings.url), 'http://engine:8377');
  await ce.getByRole('button', { name: /reset/i }).waitFor(); // the saved token shows as configured, with Reset
  await page.screenshot({ path: join(shots, 'config-editor.png'), clip: await ce.boundingBox() });
  assert.deepEqual(errors, []);
  await page.close();
});

// The pattern map, the similar-events flow and the editors in Chromium, inside the app's Scenes pages
// with the real @grafana/ui, @grafana/scenes and the real data source code, on the answers of a REAL
// engine that tests/browser/run.mjs started (real VictoriaLogs, `logatlas replay`, `logatlas serve`),
// through the REAL Go data source behind the FAKE Grafana routes. Every expectation is read from that
// engine's API here. Screenshots: test-output/screenshots/*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { APP, engine, exploreExpr, selector, shots, startSession, watch } from './browser-session.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(() => session?.close());

/** The overview page with its pattern map drawn. */
async function openMap(theme = 'dark') {
  const opened = await session.open(`${APP}/overview?var-watch=${watch}`, { theme });
  await opened.page.getByTestId('logatlas-pattern-map').waitFor();
  return opened;
}

/** POST bodies the page sent to the data source's `similar` resource. */
function similarRequests(page) {
  const bodies = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/resources/similar')) bodies.push(JSON.parse(r.postData()));
  });
  return bodies;
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

/** Canvas pixels whose colour is the given CSS rgb(a) colour's (± 3 per channel; alpha ignored). */
function pixelsOf(page, css) {
  return page.getByTestId('logatlas-pattern-map').evaluate((c, css) => {
    const [r, g, b] = css.match(/[\d.]+/g).map(Number);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && Math.abs(d[i] - r) <= 3 && Math.abs(d[i + 1] - g) <= 3 && Math.abs(d[i + 2] - b) <= 3) n++;
    return n;
  }, css);
}

async function legendColours(page) {
  const buttons = page.getByRole('group', { name: /Clusters/ }).getByRole('button');
  const out = new Map();
  for (const b of await buttons.all()) out.set((await b.textContent()).trim(), await b.locator('span').evaluate((s) => getComputedStyle(s).backgroundColor));
  return out;
}

/** The similar results as the page shows them: canonical and "N events · cluster c". */
async function shownResults(page) {
  const items = page.getByTestId('logatlas-similar-result');
  await items.first().waitFor();
  return Promise.all((await items.all()).map(async (li) => ({ text: await li.textContent(), canonical: await li.locator(':scope > div:nth-child(2)').textContent() })));
}

const label = (p) => p.clusterLabel || p.cluster;
const meta = (r) => `${r.count.toLocaleString('en-US')} event${r.count === 1 ? '' : 's'} · cluster ${label(r)}`;

test('pattern map draws every pattern and cluster of the engine; hover names it; click opens its similar events', async () => {
  const { points } = await engine(`/scatter?watch=${watch}`);
  const { clusters } = await engine(`/clusters?watch=${watch}`);
  const ids = [...new Set(points.map((p) => p.cluster))];
  assert.ok(ids.filter((c) => c !== 'noise').length >= 3, `the replayed data should give several clusters, got ${JSON.stringify(ids)}`);
  assert.deepEqual(ids.filter((c) => c !== 'noise').sort(), clusters.map((c) => c.id).sort(), '/scatter and /clusters name the same clusters');
  const names = new Map(points.map((p) => [p.cluster, label(p)]));

  const { page, errors, queries } = await openMap();
  const bodies = similarRequests(page);
  assert.ok(queries.some((q) => q.queryType === 'scatter' && q.watch === watch), 'the map is the data source\'s "scatter" query on the chosen watch');
  const map = page.getByTestId('logatlas-pattern-map');
  assert.equal(await map.getAttribute('aria-label').then((l) => /Map of (\d+) log patterns in (\d+) groups/.exec(l).slice(1).map(Number).join()), `${points.length},${ids.length}`);
  const legend = await legendColours(page);
  assert.deepEqual([...legend.keys()].sort(), ids.map((c) => names.get(c)).sort(), 'the legend names the clusters by their readable labels');
  if (ids.includes('noise')) assert.equal([...legend.keys()].at(-1), names.get('noise'), 'noise is listed last');
  // every cluster of the legend is painted on the canvas in its own colour
  for (const [c, colour] of legend) assert.ok((await pixelsOf(page, colour)) > 0, `cluster ${c} (${colour}) is not drawn`);

  const spot = await findPoint(page);
  const tooltip = page.getByTestId('logatlas-map-tooltip');
  const named = await tooltip.locator('div').first().textContent();
  const hovered = points.filter((p) => p.canonical === named);
  assert.ok(hovered.length > 0, `the tooltip names ${named}, not a pattern of /scatter`);
  assert.ok(hovered.map(meta).includes((await tooltip.locator('div').nth(1).textContent()).trim()), "the tooltip shows the pattern's count and cluster");
  await page.screenshot({ path: join(shots, 'plugin-pattern-map-hover.png'), clip: await map.locator('xpath=ancestor::section[1]').boundingBox() });

  // a click offers what to do about the pattern: feedback goes to the engine, "Find similar" opens the page
  await page.mouse.click(spot.x, spot.y);
  const card = page.getByTestId('logatlas-point-actions');
  await card.waitFor();
  const cardText = await card.textContent();
  const chosen = hovered.find((p) => cardText.includes(p.canonical));
  assert.ok(chosen, 'the card names the clicked pattern');
  await card.getByRole('button', { name: 'Suppress this pattern' }).click();
  await card.getByRole('status').waitFor();
  const { feedback } = await engine(`/feedback?watch=${watch}`);
  assert.ok(feedback.some((f) => f.kind === 'suppress_pattern' && f.target === chosen.pattern), `no suppress_pattern feedback for ${chosen.pattern}: ${JSON.stringify(feedback)}`);
  await card.getByRole('button', { name: 'Find similar' }).click();
  await page.waitForFunction(() => location.pathname === '/a/logatlas-logatlas-app/similar');
  const url = new URL(page.url());
  const pattern = url.searchParams.get('pattern');
  assert.equal(url.searchParams.get('watch'), watch, 'the link names the watch, not the variable');
  assert.ok(hovered.some((p) => p.pattern === pattern), `the similar page opened ${pattern}, not the clicked pattern (${hovered.map((p) => p.pattern)})`);
  const expected = (await engine('/similar', { watch, pattern, k: 10 })).results;
  assert.ok(expected.length >= 2, `the engine finds ${expected.length} patterns similar to ${pattern}`);
  const shown = await shownResults(page);
  assert.deepEqual(bodies.at(-1), { pattern, watch, k: 10 });
  assert.deepEqual(shown.map((r) => r.canonical), expected.map((r) => r.canonical), "the list is the engine's answer, in its order");
  assert.ok(shown[0].text.includes(expected[0].distance.toFixed(3)));
  // Explore links (only read: Explore is Grafana's) select the result's stream, within the watch's selector
  const href = await page.getByTestId('logatlas-similar-result').first().getByRole('link', { name: /Open in Explore/ }).getAttribute('href');
  const expr = exploreExpr(href);
  const wanted = `{${Object.keys(expected[0].labels).sort().map((k) => `${k}=${JSON.stringify(expected[0].labels[k])}`).join(',')}}`;
  assert.equal(expr, wanted);
  for (const m of selector.slice(1, -1).split(',')) assert.ok(expr.includes(m), `Explore selector ${expr} lacks the watch's ${m}`);

  // follow the second result to its own similar events
  await page.getByTestId('logatlas-similar-result').nth(1).getByRole('button', { name: /Similar to this/ }).click();
  const next = expected[1].pattern;
  await page.waitForFunction((p) => new URLSearchParams(location.search).get('pattern') === p, next);
  const nextExpected = (await engine('/similar', { watch, pattern: next, k: 10 })).results;
  await page.waitForFunction((c) => document.querySelector('[data-testid="logatlas-similar-result"] > div:nth-child(2)')?.textContent === c, nextExpected[0].canonical);
  assert.deepEqual(bodies.at(-1), { pattern: next, watch, k: 10 });
  assert.deepEqual((await shownResults(page)).map((r) => r.canonical), nextExpected.map((r) => r.canonical));
  assert.deepEqual(errors, []);
  await page.close();
});

test("pattern map is keyboard usable: n walks the engine's patterns by size, Enter opens one; the legend hides a cluster", async () => {
  const { points } = await engine(`/scatter?watch=${watch}`);
  const bySize = points.map((p, i) => [p, i]).sort((a, b) => b[0].count - a[0].count || a[1] - b[1]).map(([p]) => p);
  const { page } = await openMap();
  const map = page.getByTestId('logatlas-pattern-map');
  const tip = () => page.getByTestId('logatlas-map-tooltip').locator('div').first().textContent();
  await map.focus();
  await page.keyboard.press('n');
  assert.equal(await tip(), bySize[0].canonical);
  await page.keyboard.press('n');
  assert.equal(await tip(), bySize[1].canonical);
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.getByTestId('logatlas-point-actions').getByRole('button', { name: 'Find similar' }).click();
  await page.waitForFunction(() => location.pathname.endsWith('/similar'));
  assert.equal(new URL(page.url()).searchParams.get('pattern'), bySize[1].pattern);
  await page.getByTestId('logatlas-similar-result').first().waitFor();
  await page.close();

  // hiding the biggest cluster from the legend removes its colour from the canvas
  const again = await openMap();
  const [biggest, colour] = [...(await legendColours(again.page))].find(([c]) => c !== (points.find((p) => p.cluster === 'noise') ? label(points.find((p) => p.cluster === 'noise')) : 'noise'));
  const before = await pixelsOf(again.page, colour);
  assert.ok(before > 0);
  const button = again.page.getByRole('group', { name: /Clusters/ }).getByRole('button', { name: biggest, exact: true });
  await button.press('Enter');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  assert.equal(await pixelsOf(again.page, colour), 0, `hiding ${biggest} left pixels of its colour`);
  await again.page.close();
});

test('similar events page: a typed line is searched in the engine and its answer listed', async () => {
  const line = 'sshd[9]: Failed password for admin from 198.51.100.4 port 4242 ssh2';
  const expected = (await engine('/similar', { watch, line, k: 10 })).results;
  assert.ok(expected.length > 0);
  const { page, errors } = await session.open(`${APP}/similar?var-watch=${watch}`, { theme: 'light' });
  const bodies = similarRequests(page);
  const box = page.getByPlaceholder(/Paste a log line/);
  await box.fill(line);
  await box.press('Enter');
  const shown = await shownResults(page);
  assert.deepEqual(bodies.at(-1), { line, watch, k: 10 });
  assert.deepEqual(shown.map((r) => r.canonical), expected.map((r) => r.canonical));
  assert.ok(shown[0].text.includes(meta(expected[0])));
  assert.deepEqual(errors, []);
  await page.close();
});

test("query and config editors work with the real @grafana/ui; the watch list is the engine's", async () => {
  const { watches } = await engine('/watches');
  const { page, errors } = await session.open('/harness/editors', { height: 1100 });
  const qe = page.locator('#query-editor');
  await qe.getByLabel('Outliers').click({ force: true });
  await qe.locator('#logatlas-limit').waitFor();
  assert.equal(await page.evaluate(() => window.__query.queryType), 'outliers');
  await qe.getByLabel('Similar', { exact: true }).click({ force: true });
  await qe.locator('#logatlas-line').fill('kernel: panic');
  assert.equal(await page.evaluate(() => window.__query.line), 'kernel: panic');
  await qe.locator('#logatlas-watch').click();
  for (const w of watches) await page.getByText(w.selector, { exact: true }).waitFor();
  assert.ok(watches.some((w) => w.selector === selector));
  await page.keyboard.press('Escape');
  await page.screenshot({ path: join(shots, 'plugin-query-editor.png'), clip: await qe.boundingBox() });

  const ce = page.locator('#config-editor');
  await ce.locator('#logatlas-engine-url').fill('engine:8377');
  await ce.getByText('Enter an http:// or https:// URL').waitFor();
  await ce.locator('#logatlas-engine-url').fill('http://engine:8377');
  assert.equal(await page.evaluate(() => window.__settings.url), 'http://engine:8377');
  await ce.getByRole('button', { name: /reset/i }).waitFor(); // the saved token shows as configured, with Reset
  await page.screenshot({ path: join(shots, 'plugin-config-editor.png'), clip: await ce.boundingBox() });
  assert.deepEqual(errors, []);
  await page.close();
});

// The app's Scenes pages in Chromium on a REAL engine (see panels.test.mjs): the overview's Grafana
// panels with the engine's data, acting on an outlier, the watch list, Changes and Search. Each
// expectation is read from the engine's own API. Screenshots of every page, dark and light.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP, engine, engineCall, engineHasRoute, exploreExpr, root, screenshot, startSession, storeUrl, watch } from './browser-session.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(() => session?.close());

const DAY = 24 * 3600_000;

test('overview: events per cluster, outliers and the pattern map are Grafana panels with the engine\'s data, following the watch variable and the time picker', async () => {
  const to = Date.now();
  const from = to - 7 * DAY;
  const { page, errors, queries } = await session.open(`${APP}/overview?var-watch=${watch}&from=${from}&to=${to}`);
  await page.getByTestId('logatlas-pattern-map').waitFor();
  // the time series legend lists the engine's volume series by their readable labels
  const volumes = await engine(`/volumes?watch=${watch}&from=${from}&to=${to}&step=60&top=10`);
  assert.ok(volumes.series.length >= 2);
  const legend = page.locator('section', { hasText: 'Events per cluster' }).first();
  for (const s of volumes.series) await legend.getByText(s.clusterLabel || s.label || s.cluster, { exact: true }).first().waitFor();
  assert.ok(await legend.locator('canvas').count(), 'the time series is drawn (uPlot canvas)');
  // the queries carry the variable's value and the picker's range
  const v = queries.find((q) => q.queryType === 'volumes');
  assert.equal(v.watch, watch, "the data source interpolated the scene's watch variable");
  assert.deepEqual([Number(v.from), Number(v.to)], [from, to], "the query runs over the time picker's range");
  // the outlier table: one row per outlier of the engine in the range, its lines shown
  const { outliers } = await engine(`/outliers?watch=${watch}&from=${from}&to=${to}&limit=200`);
  assert.ok(outliers.length >= 3, `the injected anomalies should give outliers, got ${outliers.length}`);
  const table = page.locator('section', { hasText: 'Outliers (click a line' }).first();
  await table.getByRole('row').nth(1).waitFor();
  for (const o of outliers.slice(0, 3)) await table.getByText(o.line.slice(0, 40)).first().waitFor();
  // the actions list shows the highest-scored outliers
  const top = [...outliers].sort((a, b) => b.score - a.score)[0];
  const first = page.getByTestId('logatlas-outlier-row').first();
  assert.ok((await first.textContent()).includes(top.score.toFixed(2)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('outlier actions: "mark cluster normal" gives the engine feedback, the outlier\'s score drops to a fifth, the feedback is listed and undone', async () => {
  const to = Date.now();
  const from = to - 7 * DAY;
  const { outliers } = await engine(`/outliers?watch=${watch}&from=${from}&to=${to}&limit=200`);
  const { page, errors } = await session.open(`${APP}/overview?var-watch=${watch}&from=${from}&to=${to}`);
  // a cluster not marked normal yet (marking twice does not lower a score twice)
  const already = new Set((await engine(`/feedback?watch=${watch}`)).feedback.filter((f) => f.kind === 'normal_cluster').map((f) => f.target));
  const rows = page.locator('[data-testid="logatlas-outlier-row"]:not([data-cluster=""]):not([data-cluster="noise"])');
  await rows.first().waitFor();
  let row;
  for (const r of await rows.all()) if (!row && !already.has(await r.getAttribute('data-cluster'))) row = r;
  assert.ok(row, `every cluster with an outlier is already marked normal (${[...already]})`);
  const cluster = await row.getAttribute('data-cluster');
  const inCluster = outliers.filter((o) => o.cluster === cluster);
  assert.ok(inCluster.length > 0, `the engine has outliers in ${cluster}`);
  await row.getByRole('button', { name: 'Mark cluster normal' }).click();
  await page.getByTestId('logatlas-outlier-actions').getByText(`Cluster ${cluster} marked normal:`, { exact: false }).waitFor();
  const { feedback } = await engine(`/feedback?watch=${watch}`);
  const given = feedback.filter((f) => f.kind === 'normal_cluster' && f.target === cluster).at(-1);
  assert.ok(given, `the engine has no normal_cluster feedback for ${cluster}: ${JSON.stringify(feedback)}`);
  const after = (await engine(`/outliers?watch=${watch}&from=${from}&to=${to}&limit=200`)).outliers;
  for (const o of inCluster) {
    const now = after.find((a) => a.id === o.id);
    assert.ok(now && Math.abs(now.score - o.score * 0.2) < 0.011, `outlier ${o.id} scored ${o.score}, now ${now?.score}`);
  }
  // the page read the outliers again: the new score shows, and the feedback is listed
  const lowered = after.find((a) => a.id === inCluster[0].id);
  await page.locator('section', { hasText: 'Outliers (click a line' }).first().getByText(lowered.score.toFixed(2), { exact: true }).first().waitFor();
  const item = page.locator(`[data-testid="logatlas-feedback-item"][data-id="${given.id}"]`);
  await item.waitFor();
  await screenshot(page, 'overview-after-feedback');
  await item.getByRole('button', { name: /Undo/ }).click();
  if (await engineHasRoute('DELETE', '/feedback/{id}')) {
    await item.waitFor({ state: 'detached' });
    const left = (await engine(`/feedback?watch=${watch}`)).feedback;
    assert.ok(!left.some((f) => f.id === given.id), 'undo removed the feedback in the engine');
  } else {
    // this engine has no DELETE /feedback/{id}: the page says so and the feedback stays
    await page.getByText(/cannot undo feedback yet/).waitFor();
    console.log('# undo: this engine has no DELETE /feedback/{id}; the page showed its message');
    const [status] = await engineCall(`/feedback/${given.id}`, { method: 'DELETE' });
    assert.equal(status, 404);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('watches: create one from the page, the engine follows it; delete it, the engine drops it', async () => {
  const name = `auth-${Date.now() % 100000}`;
  const { page, errors } = await session.open(`${APP}/watches`);
  await page.getByTestId('logatlas-watch').first().waitFor();
  await page.locator('#logatlas-new-watch-name').fill(name);
  await page.locator('#logatlas-new-watch-selector').fill('{job="ssh"} |= "Failed"');
  await page.getByRole('button', { name: 'Create watch' }).click();
  const item = page.locator(`[data-testid="logatlas-watch"][data-name="${name}"]`);
  await item.waitFor();
  let listed = (await engine('/watches')).watches.find((w) => w.name === name);
  assert.equal(listed?.selector, '{job="ssh"} |= "Failed"');
  assert.ok((await item.textContent()).includes(listed.selector), 'the page lists the new watch with its selector');
  // a new query for the watch: PATCH keeps its counts (an engine without the route shows its error)
  await item.getByRole('button', { name: 'Edit selector' }).click();
  await item.getByLabel(`Selector of ${name}`).fill('{job="ssh"} |= "Accepted"');
  await item.getByRole('button', { name: 'Save' }).click();
  if (await engineHasRoute('PATCH', '/watches/{name}')) {
    await item.getByText('{job="ssh"} |= "Accepted"', { exact: true }).waitFor();
    listed = (await engine('/watches')).watches.find((w) => w.name === name);
    assert.equal(listed?.selector, '{job="ssh"} |= "Accepted"');
  } else {
    await page.getByRole('alert').first().waitFor();
    console.log('# edit: this engine has no PATCH /watches/{name}; the page showed its error');
  }
  await screenshot(page, 'watches');
  await item.getByRole('button', { name: 'Delete' }).click();
  await item.getByRole('button', { name: `Delete ${name}` }).click();
  await item.waitFor({ state: 'detached' });
  listed = (await engine('/watches')).watches.find((w) => w.name === name);
  assert.equal(listed, undefined, `the engine still has ${name}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('changes: a new kind of event pushed now is listed first, as new', async (t) => {
  if (!(await engineHasRoute('GET', '/changes'))) {
    // the only skip: an engine without the route (the page then shows its message, checked here)
    const { page } = await session.open(`${APP}/changes?var-watch=${watch}`);
    await page.getByTestId('logatlas-changes-missing').waitFor();
    await screenshot(page, 'changes-missing');
    await page.close();
    t.skip('the engine answers 404 on GET /changes (route not in this engine yet)');
    return;
  }
  // push one line of a kind the watch never saw, then wait until the engine has counted it
  const line = `kernel: BUG: soft lockup - CPU#3 stuck for 23s! [kworker/3:${Date.now() % 1000}]`;
  const dir = mkdtempSync(join(tmpdir(), 'logatlas-changes-'));
  writeFileSync(join(dir, 'new.log'), line + '\n');
  const before = (await engine(`/stats?watch=${watch}`)).events;
  const pushedAt = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'logatlas.js'), 'replay', '--victorialogs', storeUrl, '--labels', `{job="${watch}"}`, '--speed', '1', join(dir, 'new.log')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (let i = 0; (await engine(`/stats?watch=${watch}`)).events <= before; i++) {
    assert.ok(i < 120, 'the engine did not count the pushed line within a minute');
    await new Promise((res) => setTimeout(res, 500));
  }
  // from just before the push: the range holds that one line, the baseline (as long, just before) none
  const from = pushedAt - 5_000;
  const to = Date.now() + 30_000;
  const { page, errors } = await session.open(`${APP}/changes?var-watch=${watch}&from=${from}&to=${to}`);
  const first = page.getByTestId('logatlas-change').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('data-status'), 'new');
  assert.ok((await first.textContent()).includes('soft lockup'), `first change: ${await first.textContent()}`);
  // the same as the engine answers, and its Explore link runs the template's own query
  const answer = await engine(`/changes?watch=${watch}&from=${from}&to=${to}&limit=200`);
  assert.equal(answer.templates[0].status, 'new');
  const href = await first.getByRole('link', { name: /Open in Explore/ }).getAttribute('href');
  assert.equal(exploreExpr(href), answer.templates[0].query);
  await screenshot(page, 'changes');
  // "same time yesterday": the data source is asked for the range one day back, and the page names the
  // window the engine compared with (its answer: widened to whole buckets)
  const asked = page.waitForRequest((q) => q.url().includes('/resources/changes') && q.url().includes('baselineFrom='));
  await page.getByLabel('Same time yesterday').click({ force: true });
  const params = new URL((await asked).url()).searchParams;
  assert.deepEqual([Number(params.get('baselineFrom')), Number(params.get('baselineTo'))], [from - DAY, to - DAY]);
  const yesterday = await engine(`/changes?watch=${watch}&from=${from}&to=${to}&baselineFrom=${from - DAY}&baselineTo=${to - DAY}&limit=200`);
  assert.ok(yesterday.baselineTo < answer.baselineFrom, `a day back: ${yesterday.baselineFrom}–${yesterday.baselineTo} vs ${answer.baselineFrom}`);
  const shown = page.locator(`[data-testid="logatlas-changes-baseline"][data-baseline-from="${yesterday.baselineFrom}"]`);
  await shown.waitFor();
  assert.equal(await shown.getAttribute('data-baseline-to'), String(yesterday.baselineTo));
  assert.equal(await page.getByTestId('logatlas-change').first().getAttribute('data-status'), yesterday.templates[0].status);
  // the choice is in the URL: a reload (or a shared link) compares with yesterday again
  assert.equal(new URL(page.url()).searchParams.get('baseline'), 'yesterday');
  const again = page.waitForRequest((q) => q.url().includes('/resources/changes'));
  await page.reload();
  const reloaded = new URL((await again).url()).searchParams;
  assert.equal(Number(reloaded.get('from')) - Number(reloaded.get('baselineFrom')), DAY, 'after a reload the page still asks for a day back');
  assert.deepEqual(errors, []);
  await page.close();
});

test('search: a description finds templates; "Open in Explore" runs exactly the template\'s query', async (t) => {
  if (!(await engineHasRoute('POST', '/search'))) {
    const { page } = await session.open(`${APP}/search?var-watch=${watch}`);
    await page.locator('#logatlas-search-text').fill('ssh brute force');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('This engine cannot search by description yet').waitFor();
    await page.close();
    t.skip('the engine answers 404 on POST /search (route not in this engine yet)');
    return;
  }
  const text = 'ssh brute force';
  const answer = await engine('/search', { watch, text, k: 10 });
  const results = answer.results;
  assert.ok(results.length > 0);
  const { page, errors } = await session.open(`${APP}/search?var-watch=${watch}`);
  await page.locator('#logatlas-search-text').fill(text);
  await page.getByRole('button', { name: 'Search' }).click();
  const first = page.getByTestId('logatlas-search-result').first();
  await first.waitFor();
  const href = await first.getByRole('link', { name: /Open in Explore/ }).getAttribute('href');
  const expr = exploreExpr(href);
  assert.equal(expr, results[0].query);
  await screenshot(page, 'search');
  assert.deepEqual(errors, []);
  await page.close();
});

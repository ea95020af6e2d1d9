// `logatlas analyze` end to end through the real CLI and model, then both HTML artifacts in the real
// Chromium (Debian's, via playwright-core), offline: what is drawn must match what was written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, runCli, tempDir } from './cli-harness.js';
import { writeAnalyzeFixture } from './analyze-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
const dir = tempDir('analyze-html');
const out = join(dir, 'out');
let browser: Browser;

interface Summary { events: number; patterns: number; clusters: number; noiseEvents: number; timedEvents: number }
let summary: Summary;

before(async () => {
  const input = writeAnalyzeFixture(dir);
  const r = await runCli(['analyze', '--input', input, '--out', out, '--umap', '--topk-trend', '100', '--cache', join(dir, 'cache.db')]);
  assert.equal(r.code, 0, r.stderr);
  summary = JSON.parse(readFileSync(join(out, 'analyze_summary.json'), 'utf8'));
  assert.ok(summary.clusters >= 2, `want at least two clusters to draw, got ${summary.clusters}`);
  mkdirSync(SHOTS, { recursive: true });
  if (!existsSync(CHROMIUM)) return; // the tests below are skipped, saying why
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

/** Opens an artifact and records every request other than the page itself, and every console error. */
async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  const url = `file://${join(out, file)}`;
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, requests, errors };
}

test('clusters.html draws one point per pattern, a legend entry per cluster, and the pattern under the mouse', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
  const { page, requests, errors } = await open('clusters.html');
  const canvas = page.locator('#plot');
  assert.equal(Number(await canvas.getAttribute('data-points-drawn')), summary.patterns);
  const legend = page.locator('#legend li');
  assert.equal(await legend.count(), summary.clusters + (summary.noiseEvents > 0 ? 1 : 0));
  const clustersCsv = parse(readFileSync(join(out, 'cluster_summary.csv')), { columns: true }) as Array<Record<string, string>>;
  for (let i = 0; i < clustersCsv.length; i++) {
    const text = await legend.nth(i).innerText();
    assert.ok(text.startsWith(`${clustersCsv[i].cluster} · ${Number(clustersCsv[i].count).toLocaleString('en-US')} events`), text);
  }

  // Hover the most frequent pattern: the tooltip names its cluster and shows its canonical form.
  const metadata = readFileSync(join(out, 'metadata.tsv'), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  const header = metadata.shift()!;
  const [iNorm, iCluster, iCount] = ['norm', 'cluster', 'count'].map((c) => header.indexOf(c));
  let top = 0;
  metadata.forEach((row, i) => { if (Number(row[iCount]) > Number(metadata[top][iCount])) top = i; });
  const at = await page.evaluate((i) => (globalThis as any).logAtlasScatter.pointOnScreen(i), top);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + at.x, box.y + at.y);
  const tooltip = page.locator('#tooltip');
  await tooltip.waitFor({ state: 'visible' });
  const tip = await tooltip.innerText();
  assert.ok(tip.includes(`cluster ${metadata[top][iCluster]}`), tip);
  assert.ok(tip.includes(metadata[top][iNorm]), tip);
  assert.ok(tip.includes(`${Number(metadata[top][iCount]).toLocaleString('en-US')} events`), tip);
  await page.screenshot({ path: join(SHOTS, 'clusters-hover.png') });

  // Hiding the largest cluster removes exactly its patterns.
  await page.mouse.move(box.x + 2, box.y + 2);
  await legend.first().click();
  assert.equal(Number(await canvas.getAttribute('data-points-drawn')), summary.patterns - Number(clustersCsv[0].patterns));
  await page.screenshot({ path: join(SHOTS, 'clusters-largest-hidden.png') });

  assert.deepEqual(requests, [], 'the page fetched nothing');
  assert.deepEqual(errors, []);
  await page.close();
});

test('cluster_trends.html draws a line per series with the written volumes and lists a bin\'s counts on hover', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
  const { page, requests, errors } = await open('cluster_trends.html');
  const series = page.locator('#plot path.series');
  const legend = page.locator('#legend li');
  const expected = summary.clusters + (summary.noiseEvents > 0 ? 1 : 0); // --topk-trend 100: every cluster has its own series here
  assert.equal(await series.count(), expected);
  assert.equal(await legend.count(), expected);
  // Every timed event is in exactly one series, and each cluster's total matches events_with_clusters.csv.
  const events = parse(readFileSync(join(out, 'events_with_clusters.csv')), { columns: true }) as Array<Record<string, string>>;
  assert.equal(events.length, summary.events);
  let total = 0;
  for (let i = 0; i < expected; i++) {
    const text = await legend.nth(i).innerText();
    const m = /^(?:cluster )?(\S+) · ([\d,]+) events/.exec(text);
    assert.ok(m, text);
    const n = Number(m[2].replace(/,/g, ''));
    assert.equal(n, events.filter((e) => e.cluster === m[1] && e.timestamp !== '').length, text);
    total += n;
  }
  assert.equal(total, summary.timedEvents);

  const box = (await page.locator('#plot').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tooltip = page.locator('#tooltip');
  await tooltip.waitFor({ state: 'visible' });
  const tip = await tooltip.innerText();
  assert.match(tip, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  assert.ok(tip.includes('cluster 0: '), tip);
  await page.screenshot({ path: join(SHOTS, 'trends-hover.png') });

  await legend.first().click();
  assert.equal(await series.count(), expected - 1);
  assert.deepEqual(requests, [], 'the page fetched nothing');
  assert.deepEqual(errors, []);
  await page.close();
});

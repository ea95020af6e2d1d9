// Every app page in both themes, on the real engine: each must render its content without a page
// error. The pictures (test-output/screenshots/page-<name>-<theme>.png) are the README's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { APP, shots, startSession, watch } from './browser-session.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(() => session?.close());

const pages = [
  { name: 'overview', path: () => `${APP}/overview?var-watch=${watch}&from=now-3h&to=now`, ready: (p) => p.getByTestId('logatlas-outlier-row').first() },
  { name: 'watches', path: () => `${APP}/watches`, ready: (p) => p.getByTestId('logatlas-watch').first() },
  {
    name: 'similar',
    path: () => `${APP}/similar?var-watch=${watch}&watch=${watch}&line=${encodeURIComponent('sshd[9]: Failed password for admin from 198.51.100.4 port 4242 ssh2')}`,
    ready: (p) => p.getByTestId('logatlas-similar-result').first(),
  },
  { name: 'changes', path: () => `${APP}/changes?var-watch=${watch}&from=now-15m&to=now`, ready: (p) => p.getByTestId('logatlas-changes').or(p.getByTestId('logatlas-changes-missing')) },
  {
    name: 'search',
    path: () => `${APP}/search?var-watch=${watch}`,
    act: async (p) => {
      await p.locator('#logatlas-search-text').fill('ssh brute force');
      await p.getByRole('button', { name: 'Search' }).click();
    },
    ready: (p) => p.getByTestId('logatlas-search-result').first().or(p.getByText('This engine cannot search by description yet')),
  },
  { name: 'configuration', path: () => '/harness/app-config', ready: (p) => p.getByText('Default Log Atlas data source') },
];

for (const theme of ['dark', 'light']) {
  test(`every app page renders in the ${theme} theme`, async () => {
    for (const p of pages) {
      const { page, errors } = await session.open(p.path(), { theme, width: 1280, height: p.name === 'overview' ? 1300 : 760 });
      await p.act?.(page);
      await p.ready(page).waitFor();
      await page.waitForTimeout(500); // let panels finish drawing
      await page.screenshot({ path: join(shots, `page-${p.name}-${theme}.png`), fullPage: p.name === 'overview' });
      assert.deepEqual(errors, [], `${p.name} (${theme})`);
      await page.close();
    }
  });
}

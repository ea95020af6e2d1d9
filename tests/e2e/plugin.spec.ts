import { expect, test } from '@grafana/plugin-e2e';

// Against a real Grafana with the plugin installed and provisioned (docker-compose.yaml). The engine
// address and token as Grafana's server sees them: LOGATLAS_E2E_ENGINE_URL, LOGATLAS_TOKEN.
const engineUrl = process.env.LOGATLAS_E2E_ENGINE_URL ?? 'http://engine:8377';
const token = process.env.LOGATLAS_TOKEN ?? '';

test('a new Log Atlas data source saves and passes its health check', async ({ createDataSourceConfigPage, page }) => {
  test.skip(!token, 'LOGATLAS_TOKEN is not set');
  const configPage = await createDataSourceConfigPage({ type: 'logatlas-logatlas-datasource' });
  await page.locator('#logatlas-engine-url').fill(engineUrl);
  await page.locator('#logatlas-engine-token').fill(token);
  await expect(configPage.saveAndTest()).toBeOK();
  await expect(page.getByText(/Engine is healthy/)).toBeVisible();
});

test('the provisioned data source runs an outliers query from the query editor', async ({ panelEditPage, readProvisionedDataSource, page }) => {
  const ds = await readProvisionedDataSource({ fileName: 'logatlas.yaml', name: 'Log Atlas' });
  await panelEditPage.datasource.set(ds.name);
  await page.getByTestId('logatlas-query-editor').getByLabel('Outliers').click({ force: true });
  await expect(panelEditPage.refreshPanel()).toBeOK();
});

test('the provisioned overview dashboard shows the pattern map', async ({ gotoDashboardPage, page }) => {
  await gotoDashboardPage({ uid: 'logatlas-overview' });
  await expect(page.getByTestId('logatlas-pattern-map')).toBeVisible({ timeout: 30_000 });
});

// The app's Scenes pages inside Grafana: the same test ids the browser suite (tests/browser/app-pages.test.mjs)
// checks on the harness, here with Grafana's own panels, router and page chrome.
test('the app overview shows events per cluster, the outliers and the pattern map of the demo watch', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: 'logatlas-logatlas-app', path: '/overview' });
  await expect(page.getByText('Events per cluster')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Outliers (click a line')).toBeVisible();
  await expect(page.getByTestId('logatlas-pattern-map')).toBeVisible({ timeout: 30_000 });
});

test('the watches page lists the demo watch', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: 'logatlas-logatlas-app', path: '/watches' });
  await expect(page.locator('[data-testid="logatlas-watch"][data-name="demo"]')).toBeVisible({ timeout: 30_000 });
});

test('the changes page compares the range with the one before it', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: 'logatlas-logatlas-app', path: '/changes' });
  await expect(page.getByTestId('logatlas-changes-baseline')).toBeVisible({ timeout: 30_000 });
});

test('search by description lists templates with an Explore link', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: 'logatlas-logatlas-app', path: '/search' });
  await page.locator('#logatlas-search-text').fill('failed password for a user');
  await page.getByRole('button', { name: 'Search' }).click();
  const first = page.getByTestId('logatlas-search-result').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  await expect(first.getByRole('link', { name: /Open in Explore/ })).toHaveAttribute('href', /explore/);
});

// @grafana/plugin-e2e specs against a running Grafana with the plugin (e.g. `docker compose up`).
// tests/e2e/run.mjs runs them only when GRAFANA_URL answers; they never run against a fake Grafana.
import { defineConfig, devices } from '@playwright/test';
import type { PluginOptions } from '@grafana/plugin-e2e';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export default defineConfig<PluginOptions>({
  testDir: here,
  outputDir: join(root, 'test-output', 'e2e'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.GRAFANA_URL ?? 'http://localhost:3000',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [
    { name: 'auth', testDir: join(root, 'node_modules', '@grafana', 'plugin-e2e', 'dist', 'auth'), testMatch: [/.*\.js/] },
    {
      name: 'run-tests',
      use: { ...devices['Desktop Chrome'], storageState: join(root, 'playwright', '.auth', 'admin.json') },
      dependencies: ['auth'],
    },
  ],
});

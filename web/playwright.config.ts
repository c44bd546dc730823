import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// One dev server for the whole run: ITOPS_URL when one is running (./itops test starts it), else this config starts it.
const port = process.env.ITOPS_TEST_PORT ?? String(20000 + (process.pid % 20000));
process.env.ITOPS_TEST_PORT = port; // workers inherit it
const url = process.env.ITOPS_URL ?? `http://localhost:${port}`;
const jar = resolve(import.meta.dirname, '../local/server/target/itops-local.jar');
const java = process.env.JAVA_HOME ? resolve(process.env.JAVA_HOME, 'bin/java') : 'java'; // a JDK 21+, as ./itops finds
const chromium = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'test-results/report' }]],
  use: {
    baseURL: url,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', channel: chromium ? undefined : 'chrome' } }],
  webServer: process.env.ITOPS_URL ? undefined : {
    command: `${java} -jar ${jar} --port ${port} --no-schedules`,
    url: `${url}/_local/status`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

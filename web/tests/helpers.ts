import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const shots = resolve(import.meta.dirname, '../test-results/screenshots');

/** Signs in through the local issuer's page, the same redirect, code and PKCE exchange as on Cognito. */
export async function signIn(page: Page, user: string, path = '/', scan = false) {
  await page.goto(path);
  if (scan) await accessible(page, 'the console before sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/_local\/oidc\/authorize/);
  if (scan) await accessible(page, "the local issuer's sign-in page");
  await page.getByRole('button', { name: user, exact: true }).click();
  await expect(page.getByTestId('whoami')).toContainText(user);
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function accessible(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), `axe on ${name}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** A link code from the bot, asked for as a Slack user through ./itops chat's client (a signed slash command). */
export function linkCodeFromBot(baseUrl: string): string {
  const jar = resolve(root, 'local/server/target/itops-local.jar');
  const java = process.env.JAVA_HOME ? resolve(process.env.JAVA_HOME, 'bin/java') : 'java';
  const out = execFileSync(java, ['-XX:TieredStopAtLevel=1', '-cp', jar, 'io.itops.local.ChatClient', '--root', root, '--url', baseUrl,
    '--platform', 'slack', 'link'], { encoding: 'utf8', timeout: 60_000 });
  const code = /link code:\s*(\S+)/i.exec(out)?.[1];
  if (!code) throw new Error(`no link code in the bot's reply:\n${out}`);
  return code;
}

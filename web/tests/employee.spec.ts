import { expect, test } from '@playwright/test';
import { accessible, linkCodeFromBot, screenshot, signIn } from './helpers';

test('an employee sees their laptop and reports a fault', async ({ page }) => {
  await signIn(page, 'emma.employee', '/', true);
  const laptop = page.getByTestId('my-assets').getByRole('row', { name: /LT-0001/ });
  await expect(laptop).toContainText('ThinkPad X1 Carbon Gen 12');
  await accessible(page, 'my equipment');
  await screenshot(page, 'employee-equipment');

  await laptop.getByRole('button', { name: /Report a fault/ }).click();
  await page.getByLabel('Summary').fill('Screen flickers after waking up');
  await page.getByLabel('Severity').selectOption('high');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status')).toContainText('Fault reported: Screen flickers after waking up');
});

test('an API error is shown with the field it names, next to the field', async ({ page }) => {
  await signIn(page, 'emma.employee');
  await page.getByTestId('my-assets').getByRole('button', { name: /Report a fault/ }).first().click();
  await page.getByLabel('Summary').fill('x'.repeat(201));
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert')).toContainText('summary');
  await expect(page.getByLabel('Summary')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field.invalid .field-error')).not.toBeEmpty();
});

test('an employee enrols in a full session and sees the waitlist position', async ({ page }) => {
  await signIn(page, 'emma.employee', '/training');
  await expect(page.getByTestId('my-training')).toContainText('SEC-AWARE');
  const full = page.getByTestId('sessions').getByRole('row', { name: /Branch office meeting room/ });
  await expect(full).toContainText('0 / 2');
  await accessible(page, 'my training');
  await full.getByRole('button', { name: /Enrol/ }).click();
  await expect(page.getByTestId('waitlist-position')).toHaveText('Waitlist position: 2');
  await screenshot(page, 'employee-training');
});

test('an employee links a chat account with the code the bot gave', async ({ page, baseURL }) => {
  const code = linkCodeFromBot(baseURL!);
  await signIn(page, 'emma.employee', '/chat');
  await page.getByLabel('Code from the bot').fill(code);
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Linked: slack');
  await expect(page.getByTestId('chat-links').getByRole('row')).toHaveCount(2);
  await accessible(page, 'chat accounts');
});

test('the console follows the browser language and switches to Chinese', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await context.close();
});

test('an employee cannot reach staff pages, and the API refuses them too', async ({ page, baseURL }) => {
  await signIn(page, 'emma.employee', '/register');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Register' })).toHaveCount(0);
  const token = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))!;
    return JSON.parse(sessionStorage.getItem(key)!).access_token as string;
  });
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oidc.')))).toEqual([]);
  const res = await page.request.get(`${baseURL}/assets`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(403);
  expect((await res.json()).status).toBe(403);
});

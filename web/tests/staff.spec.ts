import { expect, test } from '@playwright/test';
import { accessible, screenshot, signIn } from './helpers';

test('staff register an asset and walk it through acceptance', async ({ page }) => {
  await signIn(page, 'sam.staff', '/register');
  await expect(page.getByTestId('register')).toContainText('LT-0001');
  await accessible(page, 'register');
  await screenshot(page, 'staff-register');
  const form = page.getByRole('form', { name: 'New asset' });
  const tag = `PW-${Date.now() % 1_000_000}`;
  await form.getByLabel('Asset tag').fill(tag);
  await form.getByLabel('Serial number').fill(`SN${Date.now()}`);
  await form.getByLabel('Model').fill('Latitude 7450');
  await form.getByLabel('Department').fill('Sales');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('received');
  await expect(page.getByRole('button', { name: 'Move to retired' })).toHaveCount(0); // admins only

  // acceptance needs a custodian and a location: the API names the fields, the page shows them there
  await page.getByRole('button', { name: 'Move to accepted' }).click();
  await expect(page.getByRole('form', { name: 'Lifecycle' }).getByRole('alert')).toBeVisible();
  const lifecycle = page.getByRole('form', { name: 'Lifecycle' });
  await lifecycle.getByLabel('Custodian').fill('li.wei');
  await lifecycle.getByLabel('Location').fill('HQ-2F');
  await page.getByRole('button', { name: 'Move to accepted' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('accepted');
  await page.getByRole('button', { name: 'Move to in-service' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('in-service');
  await expect(page.getByRole('button', { name: 'Move to under-maintenance' })).toBeVisible();

  const maintenance = page.getByRole('form', { name: 'Record maintenance' });
  await maintenance.getByRole('button', { name: 'Record maintenance' }).click();
  await expect(maintenance.getByLabel('Performed by')).toHaveAttribute('aria-invalid', 'true');
  await maintenance.getByLabel('Performed by').fill('sam.staff');
  await maintenance.getByLabel('Note').fill('Docking station firmware updated');
  await maintenance.getByRole('button', { name: 'Record maintenance' }).click();
  await expect(page.getByText('Docking station firmware updated')).toBeVisible();
  await accessible(page, 'asset page');
  await screenshot(page, 'staff-asset');
});

test('staff import a CSV with one bad row and see that row flagged', async ({ page }) => {
  await signIn(page, 'sam.staff', '/import');
  const n = Date.now() % 1_000_000;
  const csv = ['assetTag,serialNumber,category,model,department',
    `IM-${n}-1,S${n}A,laptop,EliteBook 840,Sales`,
    `IM-${n}-2,S${n}B,spaceship,Falcon,Sales`,
    `IM-${n}-3,S${n}C,printer,LaserJet M404,HR`].join('\n');
  await page.getByLabel('CSV', { exact: true }).fill(csv);
  await page.getByRole('button', { name: 'Import rows' }).click();
  const rows = page.getByTestId('import-rows').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('created');
  await expect(rows.nth(1)).toContainText('rejected');
  await expect(rows.nth(1)).toContainText('category');
  await expect(rows.nth(1)).toHaveClass(/rejected/);
  await expect(rows.nth(2)).toContainText('created');
  await accessible(page, 'import');
  await screenshot(page, 'staff-import');
});

test('staff see the backup audit chart, findings, training compliance and due lists', async ({ page }) => {
  await signIn(page, 'sam.staff', '/backup');
  await expect(page.getByTestId('compliance-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('audit-runs').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run an audit now' })).toHaveCount(0); // admins only
  await accessible(page, 'backup audits');
  await screenshot(page, 'staff-backup');
  for (const [name, path] of [['Security findings', '/security'], ['Training compliance', '/compliance'], ['Due', '/due']]) {
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(page.locator('.error')).toHaveCount(0);
    await accessible(page, name);
    await screenshot(page, `staff-${path.slice(1)}`);
  }
});

test('admins run an audit now and see everyone\'s chat links', async ({ page }) => {
  await signIn(page, 'ada.admin', '/backup');
  const before = await page.getByTestId('audit-runs').locator('tbody tr').count();
  await page.getByRole('button', { name: 'Run an audit now' }).click();
  await expect(page.getByTestId('audit-runs').locator('tbody tr')).toHaveCount(before + 1);
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: "Everyone's chat links" }).click();
  await expect(page.getByRole('heading', { level: 2, name: "Everyone's chat links" })).toBeVisible();
  await expect(page.locator('.error')).toHaveCount(0);
  await accessible(page, 'admin chat links');
});

test('admins retire and dispose of an asset; staff are not offered those moves', async ({ page }) => {
  await signIn(page, 'ada.admin', '/register');
  const form = page.getByRole('form', { name: 'New asset' });
  await form.getByLabel('Asset tag').fill(`RT-${Date.now() % 1_000_000}`);
  await form.getByLabel('Model').fill('OptiPlex 3000');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('received');
  await page.getByRole('button', { name: 'Move to retired' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('retired');
  await expect(page.getByRole('button', { name: /^Move to / })).toHaveText(['Move to disposed']);
  await page.getByRole('button', { name: 'Move to disposed' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('disposed');
  await expect(page.getByRole('button', { name: /^Move to / })).toHaveCount(0);
  await expect(page.getByTestId('history')).toContainText('retired -> disposed');
});

test('staff resolve a fault on an asset\'s page', async ({ page, baseURL }) => {
  await signIn(page, 'sam.staff', '/register');
  await page.getByTestId('register').getByRole('link', { name: 'LT-0002' }).click();
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))!)!).access_token);
  const assetId = page.url().split('/asset/')[1];
  const fault = await page.request.post(`${baseURL}/assets/${assetId}/faults`, {
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': crypto.randomUUID() }, data: { summary: 'Fan is loud', severity: 'low' },
  });
  expect(fault.status()).toBe(201);
  await page.reload();
  await page.getByRole('button', { name: 'Resolve: Fan is loud' }).click();
  const form = page.getByRole('form', { name: 'Resolve' });
  await form.getByLabel('Resolution', { exact: true }).fill('Cleaned the fan');
  await form.getByLabel('Cause analysis').fill('Dust in the intake');
  await form.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByTestId('faults').getByRole('row', { name: /Fan is loud/ })).toContainText('hardware: Cleaned the fan');
});

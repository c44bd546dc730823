import { expect, test } from '@playwright/test';
import { accessible, screenshot, signIn } from './helpers';

test('staff accept an asset with its record, transfer it, return it to stock and audit it missing', async ({ page }) => {
  await signIn(page, 'sam.staff', '/register');
  const form = page.getByRole('form', { name: 'New asset' });
  const tag = `WF-${Date.now() % 1_000_000}`;
  await form.getByLabel('Asset tag').fill(tag);
  await form.getByLabel('Model').fill('EliteBook 840 G11');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('received');

  const lifecycle = page.getByRole('form', { name: 'Lifecycle' });
  await lifecycle.getByLabel('Custodian').fill('emma.employee');
  await lifecycle.getByLabel('Location').fill('HQ-3F');
  await lifecycle.getByLabel('Accepted by').fill('sam.staff');
  await lifecycle.getByLabel('Acceptance document').fill('ACC-2026-0042');
  await lifecycle.getByLabel('Checklist (one item a line)').fill('Serial matches the order\nBIOS password set');
  await page.getByRole('button', { name: 'Move to accepted' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('accepted');
  const record = page.getByTestId('acceptance');
  await expect(record).toContainText('ACC-2026-0042');
  await expect(record).toContainText('BIOS password set');
  await page.getByRole('button', { name: 'Move to in-service' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('in-service');

  const custody = page.getByRole('form', { name: 'Custody' });
  await custody.getByLabel('Transfer to: Custodian').fill('li.wei');
  await custody.getByRole('button', { name: 'Transfer' }).click();
  await expect(page.getByTestId('asset-custodian')).toHaveText('li.wei');
  await expect(page.getByTestId('history')).toContainText('Transferred from emma.employee to li.wei');
  const edit = page.getByRole('form', { name: 'Edit details' });
  await edit.getByLabel('Department').fill('Finance');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('asset-department')).toHaveText('Finance');
  await expect(page.getByTestId('history').locator('ul.changes')).toContainText('department: — → Finance'); // the archive's before -> after

  await custody.getByLabel('Return to stock: Location').fill('Store room B1');
  await custody.getByRole('button', { name: 'Return to stock' }).click();
  await expect(page.getByTestId('asset-status')).toHaveText('in-stock');
  await expect(page.getByTestId('asset-custodian')).toHaveText('—');
  await expect(page.getByRole('button', { name: /^Move to / })).toHaveText(['Move to in-service']);

  const audit = page.getByRole('form', { name: 'Record an audit' });
  await audit.getByLabel('Found').selectOption('false');
  await audit.getByRole('button', { name: 'Record an audit' }).click();
  await expect(page.getByTestId('asset-missing')).toBeVisible();
  await expect(page.getByTestId('audits').locator('tbody tr').first()).toContainText('Missing');
  await accessible(page, 'asset page with acceptance, custody and audits');
  await screenshot(page, 'staff-asset-workflows');

  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Due', exact: true }).click();
  await page.getByLabel('Kind').selectOption('missing');
  await expect(page.getByTestId('due')).toContainText(tag);
});

test('the console follows the language switch for the new pages', async ({ page }) => {
  await signIn(page, 'emma.employee', '/my-tickets');
  await page.getByLabel('Language').selectOption('zh');
  await expect(page.getByRole('heading', { level: 2, name: '我的工单' })).toBeVisible();
  await expect(page.getByRole('form', { name: '报告钓鱼' })).toBeVisible();
  await accessible(page, 'my tickets in Chinese');
  await page.getByLabel('语言').selectOption('en');
});

import { expect, test, type Page } from '@playwright/test';
import { accessible, screenshot, signIn } from './helpers';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'main' }).getByRole('link', { name, exact: true }).click();

test('an employee raises a ticket, staff take it, reply, wait on the requester, resolve; the employee sees the reply', async ({ page, browser }) => {
  const title = `Dock not detected ${Date.now() % 1_000_000}`;
  await signIn(page, 'emma.employee', '/my-tickets');
  const raise = page.getByRole('form', { name: 'Raise a ticket' });
  await raise.getByRole('button', { name: 'Raise a ticket' }).click(); // no title: the API names the field
  await expect(raise.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await raise.getByLabel('Title').fill(title);
  await raise.getByLabel('Category').selectOption('hardware');
  await raise.getByLabel('Description').fill('The USB-C dock shows no screens since Monday.');
  await raise.getByRole('button', { name: 'Raise a ticket' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toContainText(title);
  const ticketUrl = page.url();
  await accessible(page, 'ticket (requester)');
  await nav(page, 'My tickets');
  await expect(page.getByTestId('tickets')).toContainText(title);
  await accessible(page, 'my tickets');
  await screenshot(page, 'employee-tickets');

  const staffContext = await browser.newContext({ locale: 'en-US' });
  const staff = await staffContext.newPage();
  await signIn(staff, 'sam.staff', '/desk');
  await staff.getByRole('form', { name: 'Filters' }).getByLabel('Category').selectOption('hardware');
  await staff.getByRole('form', { name: 'Filters' }).getByRole('button', { name: 'Apply' }).click();
  await staff.getByTestId('tickets').getByRole('row', { name: new RegExp(title) }).getByRole('link').click();
  await staff.getByRole('button', { name: 'Take' }).click();
  await expect(staff.getByTestId('ticket-assignee')).toHaveText('sam.staff');
  const reply = staff.getByRole('form', { name: 'Comment' });
  await reply.getByLabel('Reply or note').fill('Please try the other USB-C port and tell me what you see.');
  await reply.getByRole('button', { name: 'Send public reply' }).click();
  await expect(staff.getByTestId('comments')).toContainText('Please try the other USB-C port');
  await reply.getByLabel('Reply or note').fill('Dock firmware 1.2 is known bad');
  await reply.getByLabel('Internal note (not shown to the requester)').check();
  await reply.getByRole('button', { name: 'Add internal note' }).click();
  await expect(staff.getByTestId('comments')).toContainText('Dock firmware 1.2 is known bad');
  await staff.getByRole('button', { name: 'Set status: waiting-on-requester' }).click();
  await expect(staff.getByTestId('ticket-status')).toHaveText('waiting-on-requester');
  await expect(staff.getByTestId('sla-paused')).toBeVisible();
  await accessible(staff, 'ticket (staff)');
  await screenshot(staff, 'staff-ticket');

  const handle = staff.getByRole('form', { name: 'Handle the ticket' });
  await staff.getByRole('button', { name: 'Set status: resolved' }).click(); // resolving needs a resolution
  await expect(handle.getByRole('alert')).toBeVisible();
  await handle.getByLabel('Resolution').fill('Dock firmware updated to 1.4');
  await staff.getByRole('button', { name: 'Set status: resolved' }).click();
  await expect(staff.getByTestId('ticket-status')).toHaveText('resolved');
  await staffContext.close();

  await page.goto(ticketUrl);
  await expect(page.getByTestId('ticket-status')).toHaveText('resolved');
  await expect(page.getByTestId('comments')).toContainText('Please try the other USB-C port');
  await expect(page.getByTestId('comments')).not.toContainText('Dock firmware 1.2 is known bad'); // internal notes stay internal
  await expect(page.getByTestId('ticket-resolution')).toHaveText('Dock firmware updated to 1.4');
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(page.getByTestId('sla')).toHaveCount(0);
});

test('an employee reports phishing: a p1 security ticket; the queue is for staff only', async ({ page }) => {
  await signIn(page, 'emma.employee', '/my-tickets');
  const form = page.getByRole('form', { name: 'Report phishing' });
  await form.getByLabel('What did you receive?').fill('Mail from "payroll" asking me to confirm my password');
  await form.getByRole('button', { name: 'Report phishing' }).click();
  await expect(page.getByTestId('ticket-priority')).toHaveText('p1');
  await expect(page.getByTestId('ticket-category')).toHaveText('security');
  await page.goto('/desk');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});

test('staff open an incident, add a timeline entry and an action, mark it done; metrics chart', async ({ page }) => {
  await signIn(page, 'sam.staff', '/desk/incidents');
  await expect(page.getByTestId('incidents').locator('tbody tr')).not.toHaveCount(0);
  await accessible(page, 'incidents');
  const form = page.getByRole('form', { name: 'Open an incident' });
  const title = `Credential phishing wave ${Date.now() % 1_000_000}`;
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Severity').selectOption('high');
  await form.getByRole('button', { name: 'Open an incident' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toContainText(title);
  await expect(page.getByTestId('timeline')).toContainText('detected');

  const timeline = page.getByRole('form', { name: 'Add a timeline entry' });
  await timeline.getByLabel('Step').selectOption('contained');
  await timeline.getByLabel('Note').fill('Sender blocked at the mail gateway');
  await timeline.getByRole('button', { name: 'Add a timeline entry' }).click();
  await expect(page.getByTestId('timeline')).toContainText('Sender blocked at the mail gateway');

  const action = page.getByRole('form', { name: 'Add an action' });
  await action.getByRole('button', { name: 'Add an action' }).click(); // empty: the fields are named
  await expect(action.getByRole('alert')).toBeVisible();
  await action.getByLabel('Action').fill('Purge the mail from every mailbox');
  await action.getByLabel('Owner').fill('sam.staff');
  await action.getByLabel('Due').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
  await action.getByRole('button', { name: 'Add an action' }).click();
  await expect(page.getByTestId('actions')).toContainText('Purge the mail from every mailbox');
  await page.getByRole('button', { name: 'Mark done: Purge the mail from every mailbox' }).click();
  await expect(page.getByTestId('actions').getByRole('row', { name: /Purge the mail/ })).toContainText('Done');

  const inv = page.getByRole('form', { name: 'Investigation' });
  await inv.getByLabel('Root cause').fill('No DMARC enforcement on a look-alike domain');
  await inv.getByRole('button', { name: 'Save investigation' }).click();
  await expect(inv.getByLabel('Root cause')).toHaveValue('No DMARC enforcement on a look-alike domain');
  await expect(inv.getByRole('alert')).toHaveCount(0);
  await accessible(page, 'incident');
  await screenshot(page, 'staff-incident');

  await nav(page, 'Service desk metrics');
  await expect(page.getByTestId('desk-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('metrics').locator('tbody tr')).not.toHaveCount(0);
  await accessible(page, 'service desk metrics');
  await screenshot(page, 'staff-desk-metrics');
});

test('the due list shows returns by today, end of life and missing; people directory and HR import', async ({ page }) => {
  await signIn(page, 'sam.staff', '/due');
  await page.getByLabel('Kind').selectOption('return');
  const row = page.getByTestId('due').locator('tbody tr').first();
  await expect(row).toContainText(new Date().toISOString().slice(0, 10)); // the seeded loan due back today, listed first
  await expect(row).toContainText(/Due today|Overdue/);
  await accessible(page, 'due returns');
  await screenshot(page, 'staff-due-returns');
  for (const kind of ['end-of-life', 'missing']) {
    await page.getByLabel('Kind').selectOption(kind);
    await expect(page.locator('.error')).toHaveCount(0);
  }

  await nav(page, 'People');
  await expect(page.getByTestId('people')).toContainText('emma.employee');
  await accessible(page, 'people');
  const n = Date.now() % 1_000_000;
  await page.getByLabel('HR CSV').fill(['personId,name,department,status',
    `pw.hire${n},New Hire ${n},Sales,active`, `pw.bad${n},Bad Row,Sales,retired`].join('\n'));
  await page.getByRole('button', { name: 'Import rows' }).click();
  const rows = page.getByTestId('people-import-rows').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('created');
  await expect(rows.nth(1)).toContainText('rejected');
  await expect(rows.nth(1)).toContainText('status');
  await expect(rows.nth(1)).toHaveClass(/rejected/);
  await screenshot(page, 'staff-people');
});

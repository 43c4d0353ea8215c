import { expect, test } from '@playwright/test';

const VARIANTS = ['buggy', 'fresh-context-sync', 'async-fail-order', 'cleanup-daemon'];

test('lists the bundled models and explores variants in a worker', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });

  await page.goto('/');
  await expect(page).toHaveTitle('Interleave');
  await expect(page.getByRole('heading', { level: 1, name: 'Interleave' })).toBeVisible();

  const order = page.locator('section.model[data-model="order"]');
  await expect(order.getByRole('heading', { name: /ACME order stuck in processing/ })).toBeVisible();
  for (const v of VARIANTS) {
    const row = order.locator(`li.variant[data-variant="${v}"]`);
    await expect(row.locator('.variant-id')).toHaveText(v);
    await expect(row.locator('.description')).not.toBeEmpty();
    await expect(row.getByRole('button', { name: 'Explore' })).toBeEnabled();
  }
  await expect(order.locator('li.variant')).toHaveCount(VARIANTS.length);

  const buggy = order.locator('li.variant[data-variant="buggy"]');
  await buggy.getByRole('button', { name: 'Explore' }).click();
  const buggyResult = buggy.getByTestId('result');
  await expect(buggyResult).toContainText('complete: true');
  await expect(buggyResult).toContainText(/states: [1-9]\d*/);
  await expect(buggyResult.locator('.finding', { hasText: 'order-leaves-processing' }).locator('.kind')).toHaveText('stuck');
  await expect(buggyResult).not.toContainText('no problems found');

  const asyncFix = order.locator('li.variant[data-variant="async-fail-order"]');
  await asyncFix.getByRole('button', { name: 'Explore' }).click();
  const asyncResult = asyncFix.getByTestId('result');
  await expect(asyncResult).toContainText('complete: true');
  await expect(asyncResult.locator('.ok')).toHaveText('no problems found');
  await expect(asyncResult.locator('.finding')).toHaveCount(0);

  await page.screenshot({ path: 'test-results/screenshots/placeholder.png', fullPage: true });
  expect(errors).toEqual([]);
});

/** The keyboard: F10 steps, Alt+Left/Right go back and forward, F5 explores, F1 and Ctrl+Shift+P open the palette. */
import { expect, test } from '@playwright/test';
import { openWorkbench, runCommand, stepStatus, watchErrors } from './workbench.ts';

test('drives the palette and the keys', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  // Set a marker: F5 must explore, not reload the page.
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));

  await page.keyboard.press('F10');
  await expect(stepStatus(page)).toHaveText('Step 1 of 1');
  await page.keyboard.press('F10');
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(stepStatus(page)).toHaveText('Step 1 of 2');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');

  await runCommand(page, 'Step Back');
  await expect(stepStatus(page)).toHaveText('Step 1 of 2');
  await runCommand(page, 'Go to Initial World');
  await expect(stepStatus(page)).toHaveText('Step 0 of 2');

  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('option', { name: /Run: Step Forward/ })).toContainText('Alt+Right');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  await page.keyboard.press('F5');
  await expect(page.getByTestId('status-problems')).toHaveText('1 0');
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(errors).toEqual([]);
});

test('a random walk is the same for the same seed', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await page.getByRole('tab', { name: 'Run and Explore' }).click();
  const form = page.getByRole('form', { name: 'Random walk' });
  await form.getByLabel('Seed', { exact: true }).fill('7');
  await form.getByRole('button', { name: 'Run Random Walk' }).click();
  await expect(stepStatus(page)).not.toHaveText('Step 0 of 0');
  const first = await page.getByRole('listbox', { name: 'Timeline' }).getByRole('option').allTextContents();
  expect(first.length).toBeGreaterThan(3);
  await runCommand(page, 'Start Over');
  await expect(stepStatus(page)).toHaveText('Step 0 of 0');
  await form.getByRole('button', { name: 'Run Random Walk' }).click();
  await expect(page.getByRole('listbox', { name: 'Timeline' }).getByRole('option')).toHaveText(first);
  expect(errors).toEqual([]);
});

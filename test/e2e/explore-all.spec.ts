/**
 * Explore All Variants: every variant of the model in a pool of workers, a row per variant with its
 * verdict, a click on a row shows that variant's Problems; Shift+F5 stops them all, each keeping what
 * it covered.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseVariant, openWorkbench, prepareLongSearch, runCommand, screenshot, showPanel, stepStatus, watchErrors } from './workbench.ts';

const ORDER_VARIANTS = ['buggy', 'fresh-context-sync', 'async-fail-order', 'cleanup-daemon'];

function variantRow(page: Page, variant: string) {
  return page.getByRole('table', { name: 'Variants explored' }).getByRole('row', { name: new RegExp(`^${variant} `) });
}

test('explores every variant of order, one row each, and a row opens that variant’s problems', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await page.getByRole('tab', { name: 'Run and Explore' }).click();
  await page.keyboard.press('Control+Shift+F5');

  const status = page.getByRole('contentinfo', { name: 'Status bar' });
  await expect(status).not.toHaveClass(/exploring/);
  // A header row, then one row per variant.
  await expect(page.getByRole('table', { name: 'Variants explored' }).getByRole('row')).toHaveCount(ORDER_VARIANTS.length + 1);
  for (const variant of ORDER_VARIANTS) await expect(variantRow(page, variant)).toBeVisible();
  // As `npm run interleave -- explore order --variant V` reports, each within its stated bounds.
  await expect(variantRow(page, 'buggy')).toContainText('1 problem');
  await expect(variantRow(page, 'fresh-context-sync')).toContainText('2 problems');
  await expect(variantRow(page, 'async-fail-order')).toContainText('no problems within bounds');
  await expect(variantRow(page, 'cleanup-daemon')).toContainText('no problems within bounds');
  // A row selects its variant, as the model tree does, and shows its findings.
  await variantRow(page, 'async-fail-order').click();
  await expect(page.getByTestId('status-model')).toHaveText(/\/ async-fail-order$/);
  await expect(page.getByTestId('no-problems')).toContainText('every interleaving within the bounds was explored');
  await variantRow(page, 'buggy').click();
  await expect(page.getByTestId('status-model')).toHaveText(/\/ buggy$/);
  await expect(variantRow(page, 'buggy')).toHaveAttribute('aria-current', 'true');
  const problems = page.getByRole('tree', { name: 'Problems found by the explorer' });
  const stuck = problems.getByRole('treeitem', { name: 'Stuck: order-leaves-processing' });
  await expect(stuck).toBeVisible();
  await expect(page.getByTestId('status-problems')).toHaveText('1 0');
  await screenshot(page, 'explore-all-dark');

  // The model tree marks each variant with its verdict; choosing one there shows its findings too, at once.
  await page.getByRole('tab', { name: 'Explorer' }).click();
  const tree = page.getByRole('tree', { name: 'Models' });
  await expect(tree.getByRole('treeitem', { name: 'buggy', exact: true }).getByRole('img', { name: '1 problem' })).toHaveCount(1);
  await expect(tree.getByRole('treeitem', { name: 'async-fail-order', exact: true }).getByRole('img', { name: 'no problems within bounds' })).toHaveCount(1);
  await screenshot(page, 'explore-all-tree-dark');
  await chooseVariant(page, 'fresh-context-sync');
  await expect(problems.getByRole('treeitem', { name: 'Invariant broken: answers-by-deadline' })).toBeVisible();
  await expect(page.getByTestId('status-problems')).toHaveText('2 0');

  // The finding's trace is the one a single exploration gives: the shortest, 4 steps.
  await chooseVariant(page, 'buggy');
  await stuck.click();
  await expect(stepStatus(page)).toHaveText('Step 0 of 4');

  await runCommand(page, 'Toggle Light/Dark Theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('tab', { name: 'Run and Explore' }).click();
  await showPanel(page, 'Problems');
  await screenshot(page, 'explore-all-light');
  expect(errors).toEqual([]);
});

test('shows the pool’s progress while it runs, and Shift+F5 stops every search keeping what it covered', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  const bounds = await prepareLongSearch(page);
  await bounds.getByRole('button', { name: 'Explore All Variants' }).click();

  const status = page.getByRole('contentinfo', { name: 'Status bar' });
  await expect(status).toHaveClass(/exploring/);
  await expect(variantRow(page, 'cleanup-daemon')).toContainText('exploring…');
  // Its row shows its speed once its worker reports progress.
  await expect(variantRow(page, 'cleanup-daemon')).toContainText('/s');
  await expect(variantRow(page, 'buggy')).toContainText('1 problem');
  await expect(page.getByTestId('status-explore')).toHaveText(/Exploring 4 variants, \d done: [\d,]+ states · [\d,]+\/s/);
  await screenshot(page, 'explore-all-running-dark');

  await page.keyboard.press('Shift+F5');
  await expect(status).not.toHaveClass(/exploring/);
  await expect(variantRow(page, 'cleanup-daemon')).toContainText('stopped');
  await expect(variantRow(page, 'buggy')).toContainText('1 problem');
  await expect(page.getByTestId('status-explore')).toHaveText(/^\s*[\d,]+ states explored \(stopped\)$/);
  await showPanel(page, 'Problems');
  await expect(page.getByText('every interleaving within the bounds was explored')).toHaveCount(0);
  expect(errors).toEqual([]);
});

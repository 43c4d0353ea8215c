/**
 * A model with a restartable actor (the alias-check watchers): the explorer finds the stuck alias and
 * the stale write, and the views draw the superseded instance `watcher~old`.
 */
import { expect, test } from '@playwright/test';
import { chooseVariant, openWorkbench, stepStatus, watchErrors } from './workbench.ts';

test('explores the overlapping watchers and opens the stuck alias with the old watcher drawn', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await chooseVariant(page, 'original');
  await page.keyboard.press('F5');
  const problems = page.getByRole('tree', { name: 'Problems found by the explorer' });
  const stuck = problems.getByRole('treeitem', { name: 'Stuck: alias-follows-aliased' });
  await expect(stuck).toBeVisible();
  await expect(problems).toContainText('no-stale-writes');
  await stuck.click();
  await expect(stepStatus(page)).toHaveText(/^Step 0 of \d+$/);
  await page.getByRole('tablist', { name: 'Editors' }).getByRole('tab', { name: /^Sequence diagram/ }).click();
  await expect(page.getByTestId('sequence-view').getByText('watcher~old').first()).toBeVisible();
  // At the end of the trace the old watcher has written critical and exited: every view still draws.
  await page.keyboard.press('Alt+End');
  await expect(stepStatus(page)).toHaveText(/^Step (\d+) of \1$/);
  await expect(page.getByTestId('status-flag')).not.toHaveText('');
  await expect(page.getByTestId('sequence-view').getByText('watcher~old exits').first()).toBeVisible();
  expect(errors).toEqual([]);
});

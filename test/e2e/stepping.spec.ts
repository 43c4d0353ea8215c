/**
 * The main flow: step the seed's bug by hand to the stuck state and see it flagged, explore and open
 * the finding from Problems, then check that the accepted fix explores clean. And forking.
 */
import { expect, test } from '@playwright/test';
import { chooseVariant, openWorkbench, SEED_PATH, showPanel, stepStatus, take, timeline, watchErrors } from './workbench.ts';

test('steps the seed to the stuck state, explores, opens the finding, and the fix has no problem', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await chooseVariant(page, 'buggy');
  await expect(stepStatus(page)).toHaveText('Step 0 of 0');

  await take(page, ...SEED_PATH);
  await expect(stepStatus(page)).toHaveText('Step 6 of 6');
  await expect(page.getByTestId('status-time')).toHaveText('t=200 ms');
  await expect(page.getByTestId('status-flag')).toHaveText('stuck at step 6');
  // The view in the editor area flags it; Problems says why, in a sentence.
  await expect(page.getByTestId('explanation')).toContainText('order-leaves-processing');
  await showPanel(page, 'Problems');
  const banner = page.getByTestId('finding-banner');
  await expect(banner).toContainText('Stuck');
  await expect(banner).toContainText('order-leaves-processing');
  await expect(banner).toContainText('sa waits in processing');
  await expect(banner).toContainText('after step 6 (timer ra.ctx)');

  // Explore in the worker: the stuck state is found with its shortest trace.
  await page.getByRole('toolbar', { name: 'Debug toolbar' }).getByRole('button', { name: 'Explore Every Interleaving' }).click();
  const problems = page.getByRole('tree', { name: 'Problems found by the explorer' });
  const finding = problems.getByRole('treeitem', { name: 'Stuck: order-leaves-processing' });
  await expect(finding).toBeVisible();
  await expect(page.getByTestId('status-problems')).toHaveText('1 0');
  await expect(problems.getByRole('treeitem', { name: 'Question: error-before-processing' })).toContainText('unreachable');

  // Opening it shows its trace paused at step 0, on a new branch; the hand-stepped one is kept.
  await finding.click();
  await expect(stepStatus(page)).toHaveText('Step 0 of 4');
  await expect(page.getByTestId('status-branch')).toHaveText('stuck: order-leaves-processing');
  await expect(timeline(page).getByRole('option')).toHaveCount(5);
  await expect(timeline(page).getByRole('option', { name: 'Initial world' })).toHaveAttribute('aria-current', 'step');
  await expect(timeline(page).getByRole('option', { name: 'Step 3: timer ra.ctx' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Branches' }).getByRole('button')).toHaveCount(2);

  // The accepted fix: no problem within its bounds.
  await chooseVariant(page, 'async-fail-order');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('no-problems')).toContainText('every interleaving within the bounds was explored');
  await expect(page.getByTestId('status-problems')).toHaveText('0 0');
  expect(errors).toEqual([]);
});

test('taking another step at a past cursor forks a branch and keeps the old one; actors focus', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await take(page, 'stimulus finalize', 'wfe → ra: FinalizeOrder');
  await showPanel(page, 'Timeline');
  await timeline(page).getByRole('option', { name: 'Step 1: stimulus finalize' }).click();
  await expect(stepStatus(page)).toHaveText('Step 1 of 2');
  // A fault from the fault palette, one click: at a past cursor it forks too.
  await page.getByRole('group', { name: 'Fault palette' }).getByRole('button', { name: 'crash ca' }).click();
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');
  await expect(page.getByTestId('status-faults')).toHaveText('1 fault');
  await expect(page.getByTestId('status-branch')).toHaveText('fork of main at step 1');
  const branches = page.getByRole('list', { name: 'Branches' });
  await expect(branches.getByRole('button')).toHaveCount(2);
  await branches.getByRole('button', { name: 'Branch main' }).click();
  await expect(page.getByTestId('status-branch')).toHaveText('main');
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');

  // Clicking an actor focuses it everywhere; clicking it again clears the focus.
  const ra = page.getByRole('tree', { name: 'Models' }).getByRole('treeitem', { name: 'ra', exact: true });
  await ra.click();
  await expect(ra).toHaveAttribute('aria-selected', 'true');
  await ra.click();
  await expect(ra).toHaveAttribute('aria-selected', 'false');
  expect(errors).toEqual([]);
});

/**
 * A long exploration runs in the worker: progress shows, the UI keeps working, Shift+F5 stops it and
 * keeps what it covered.
 */
import { expect, test } from '@playwright/test';
import { chooseVariant, openWorkbench, prepareLongSearch, screenshot, showPanel, stepStatus, watchErrors } from './workbench.ts';

test('explores in a worker with progress, stays responsive, and stops on Shift+F5 keeping the partial result', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  const bounds = await prepareLongSearch(page);
  await page.keyboard.press('F5');

  const status = page.getByRole('contentinfo', { name: 'Status bar' });
  await expect(status).toHaveClass(/exploring/);
  await expect(page.getByRole('progressbar', { name: 'Exploring' }).first()).toBeVisible();
  await expect(page.getByTestId('status-explore')).toHaveText(/Exploring: [\d,]+ states · [\d,]+\/s · depth \d+/);
  // The memory the search holds so far, and per state.
  await expect(page.getByTestId('explore-summary')).toContainText(/ · [\d.]+ (KB|MB) of tables \(\d+ B\/state\)/);
  await screenshot(page, 'exploring-dark');
  // The main thread is free: stepping works while the worker searches.
  await page.keyboard.press('F10');
  await expect(stepStatus(page)).toHaveText('Step 1 of 1');
  await expect(bounds.getByLabel('Max faults')).toBeDisabled();

  await page.keyboard.press('Shift+F5');
  await expect(status).not.toHaveClass(/exploring/);
  // The partial result is kept and says it is partial: never "every interleaving was explored".
  await expect(page.getByTestId('status-explore')).toHaveText(/^\s*[\d,]+ states explored \(stopped\)$/);
  await expect(page.getByTestId('explore-summary')).toContainText(/Stopped after [\d,]+ states, [\d,]+ not expanded/);
  await showPanel(page, 'Problems');
  // What it found so far is listed; a stuck verdict it could not finish deciding is inconclusive.
  await expect(page.getByRole('tree', { name: 'Problems found by the explorer' })).toBeVisible();
  await expect(page.getByText('every interleaving within the bounds was explored')).toHaveCount(0);
  await expect(bounds.getByLabel('Max faults')).toBeEnabled();
  expect(errors).toEqual([]);
});

test('spreads one search over several workers with the same result as one', async ({ page }) => {
  const errors = watchErrors(page);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // A machine of 8 cores.
  await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 8 }));
  await openWorkbench(page);
  await chooseVariant(page, 'cleanup-daemon');
  await page.getByRole('tab', { name: 'Run and Explore' }).click();
  const bounds = page.getByRole('form', { name: 'Explorer bounds' });
  const summary = page.getByTestId('explore-summary');
  const problems = page.getByRole('tree', { name: 'Problems found by the explorer' });
  await showPanel(page, 'Problems');
  // What a person compares: the counts and verdicts, and every problem with its trace length (not the speed).
  const outcome = async () => ({ summary: (await summary.innerText()).replace(/[\d,]+ states\/s · /, '').replace(/ · \d+ workers/, '').replace(/ · [\d.]+ \w+ of tables \(\d+ B\/state\)/, ''), problems: await problems.innerText() });

  // By default a search uses every core: one for its own worker, the rest expand states. Within its
  // stated bounds (14,575 states) no depth is wide enough to spread, and the summary says so.
  await expect(bounds.getByLabel('Workers')).toHaveValue('7');
  await page.keyboard.press('F5');
  await expect(summary).toContainText('· one worker: no depth reached the 4,096 states worth spreading');
  expect(workers.filter((url) => url.includes('expand.worker'))).toHaveLength(0);
  await screenshot(page, 'explore-not-spread-dark');

  // Eight faults: 58k states, depths of up to 7.5k, wide enough to spread.
  await bounds.getByLabel('Max faults').fill('8');
  await bounds.getByLabel('Workers').fill('1');
  await page.keyboard.press('F5');
  await expect(summary).toContainText('Complete within the bounds');
  const alone = await outcome();
  const before = workers.length;

  await bounds.getByLabel('Workers').fill('3');
  await page.keyboard.press('F5');
  await expect(summary).toContainText('· 3 workers');
  await expect(summary).toContainText('Complete within the bounds');
  expect(await outcome()).toEqual(alone);
  await screenshot(page, 'explore-workers-dark');
  // The coordinator's worker and the three it spread the search over.
  expect(workers.slice(before).filter((url) => url.includes('expand.worker'))).toHaveLength(3);

  // A search cut by a bound says which, in the form's words.
  await bounds.getByLabel('Max depth').fill('3');
  await page.keyboard.press('F5');
  await expect(summary).toContainText(/Cut by max depth, [\d,]+ states not expanded/);
  expect(errors).toEqual([]);
});

test('stops a search spread over workers and keeps what it covered', async ({ page }) => {
  const errors = watchErrors(page);
  const expanders: string[] = [];
  page.on('worker', (w) => {
    if (w.url().includes('expand.worker')) expanders.push(w.url());
  });
  await openWorkbench(page);
  const bounds = await prepareLongSearch(page);
  await bounds.getByLabel('Workers').fill('2');
  await page.keyboard.press('F5');
  // Past the first depths, the search is spread: wait until it has gone some way, then stop it.
  await expect(page.getByTestId('status-explore')).toHaveText(/Exploring: \d{2,3},\d{3} states/, { timeout: 30_000 });
  // The workers start with the first depth wide enough to spread, which may come a little later.
  await expect.poll(() => expanders.length).toBe(2);
  await page.keyboard.press('Shift+F5');
  await expect(page.getByTestId('status-explore')).toHaveText(/^\s*[\d,]+ states explored \(stopped\)$/);
  await expect(page.getByTestId('explore-summary')).toContainText(/Stopped after [\d,]+ states, [\d,]+ not expanded/);
  await expect(page.getByTestId('explore-summary')).toContainText('· 2 workers');
  await expect(bounds.getByLabel('Max faults')).toBeEnabled();
  expect(errors).toEqual([]);
});

test('a search that reaches its time or memory limit stops there, says which, and keeps what it covered', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  const bounds = await prepareLongSearch(page);
  const summary = page.getByTestId('explore-summary');
  await expect(bounds.getByLabel('Max memory (MB)')).toHaveValue('1024');

  await bounds.getByLabel('Max memory (MB)').fill('1');
  await page.keyboard.press('F5');
  await expect(summary).toContainText(/Cut by max memory, [\d,]+ states not expanded/);
  await expect(summary).toContainText(/ · 1\.\d\d MB of tables/);

  await bounds.getByLabel('Max memory (MB)').fill('0');
  await bounds.getByLabel('Max seconds').fill('1');
  await page.keyboard.press('F5');
  await expect(summary).toContainText(/Cut by max seconds, [\d,]+ states not expanded/);
  await screenshot(page, 'explore-limits-dark');
  expect(errors).toEqual([]);
});

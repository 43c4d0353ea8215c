/**
 * Screenshots of the main views in both themes (test-results/screenshots/*.png), taken at the stuck
 * state of the seed, for a person to look at. Also checks the range diff and Compare variants. The
 * metrics and simulation views are shot on tls-reload's worst simulated run, stepped to the storm.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseVariant, openWorkbench, runCommand, SEED_PATH, screenshot, showPanel, stepStatus, take, timeline, watchErrors } from './workbench.ts';

async function editorTab(page: Page, name: RegExp) {
  await page.getByRole('tablist', { name: 'Editors' }).getByRole('tab', { name }).click();
}

async function views(page: Page, theme: 'dark' | 'light') {
  await editorTab(page, /^Sequence diagram/);
  await showPanel(page, 'Next step');
  await screenshot(page, `sequence-${theme}`);
  await editorTab(page, /^Statecharts/);
  await expect(page.getByText('Laying out statecharts…')).toBeHidden();
  await showPanel(page, 'Problems');
  await screenshot(page, `statecharts-${theme}`);
  // Shift-click two steps: the State view diffs the two worlds.
  await showPanel(page, 'Timeline');
  await timeline(page).getByRole('option', { name: 'Step 2: wfe → ra: FinalizeOrder' }).click({ modifiers: ['Shift'] });
  await timeline(page).getByRole('option', { name: 'Step 6: timer ra.ctx' }).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('tablist', { name: 'Editors' }).getByRole('tab', { name: /^State$/ })).toHaveAttribute('aria-selected', 'true');
  await expect(timeline(page).getByRole('option', { selected: true })).toHaveCount(2);
  await expect(page.getByTestId('range-diff')).toContainText(/Changes from\s*step 2\s*to\s*step 6/);
  await screenshot(page, `state-diff-${theme}`);
}

test('the main views, in the dark and the light theme', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await take(page, ...SEED_PATH);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('status-problems')).toHaveText('1 0');
  await views(page, 'dark');

  await runCommand(page, 'Compare With Another Variant');
  await page.getByRole('dialog').getByRole('option', { name: /^async-fail-order/ }).click();
  const compare = page.getByTestId('compare');
  await expect(compare).toContainText('Both variants take every step, but they end differently');
  await showPanel(page, 'Output');
  await page.getByRole('toolbar', { name: 'Export and import' }).getByRole('button', { name: 'Copy Mermaid Diagram' }).click();
  await expect(page.getByTestId('output-artefact')).toContainText('sequenceDiagram');
  await screenshot(page, 'compare-output-dark');

  await page.getByRole('tab', { name: 'Run and Explore' }).click();
  await page.keyboard.press('F1');
  await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill('step');
  await screenshot(page, 'palette-run-dark');
  await page.keyboard.press('Escape');

  await runCommand(page, 'Toggle Light/Dark Theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('tab', { name: 'Explorer' }).click();
  await views(page, 'light');
  await editorTab(page, /^Compare/);
  await page.getByRole('tab', { name: 'Run and Explore' }).click();
  await screenshot(page, 'compare-run-light');
  expect(errors).toEqual([]);
});

/** Clears the toasts, which would cover the panel in a picture. */
async function dismissToasts(page: Page) {
  for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await close.click();
}

/** The Metrics, State and Sequence views with the panel closed, so they have the window's height. */
async function timeViews(page: Page, theme: 'dark' | 'light') {
  await page.keyboard.press('Control+J');
  await editorTab(page, /^Metrics/);
  await expect(page.locator('.iv-metric-chart canvas')).toHaveCount(3);
  await dismissToasts(page);
  await screenshot(page, `metrics-${theme}`);
  await editorTab(page, /^State$/);
  await expect(page.locator('[data-pool="io"]')).toBeVisible();
  await screenshot(page, `state-pools-${theme}`);
  await editorTab(page, /^Sequence/);
  await expect(page.locator('g.iv-mark-job-start').first()).toBeAttached();
  await screenshot(page, `sequence-pools-${theme}`);
  await page.keyboard.press('Control+J');
}

test('metrics and simulation, in the dark and the light theme', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await chooseVariant(page, 'reload-every-connection');
  await page.getByRole('tablist', { name: 'Panel views' }).getByRole('tab', { name: /^Simulation/ }).click();
  // A taller panel shows the whole result.
  const sash = page.locator('.sash-horizontal');
  const box = (await sash.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 170, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('worst-run')).toBeVisible();
  await dismissToasts(page);
  await screenshot(page, 'simulation-dark');
  await page.keyboard.press('Control+F8');
  await expect(stepStatus(page)).toHaveText(/^Step 0 of \d+$/);
  // Into the storm: the threads are all busy and the timer waits.
  const busy = page.getByRole('region', { name: 'Metric I/O threads busy' });
  await busy.locator('.u-over').click({ position: { x: 150, y: 40 } });
  await expect(stepStatus(page)).not.toHaveText(/^Step 0 of/);
  await timeViews(page, 'dark');

  await runCommand(page, 'Compare With Another Variant');
  await page.getByRole('dialog').getByRole('option', { name: /^timers-first/ }).click();
  await editorTab(page, /^Metrics/);
  await expect(page.getByTestId('metrics-source')).toContainText('Overlaid');
  await expect(page.locator('.iv-metric-chart canvas')).toHaveCount(3);
  await dismissToasts(page);
  await page.keyboard.press('Control+J');
  await screenshot(page, 'metrics-compare-dark');
  await page.keyboard.press('Control+J');
  await editorTab(page, /^Compare/);
  await page.getByRole('tablist', { name: 'Editors' }).getByRole('button', { name: /^Close Compare/ }).click();

  await runCommand(page, 'Toggle Light/Dark Theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await timeViews(page, 'light');
  await page.getByRole('tablist', { name: 'Panel views' }).getByRole('tab', { name: /^Simulation/ }).click();
  await screenshot(page, 'simulation-light');
  expect(errors).toEqual([]);
});

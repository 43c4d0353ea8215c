/**
 * Metrics and simulation, on tls-reload (a storm of TLS connections on 4 I/O threads starves the
 * proactor timer): a chart per metric, the cursor line following the timeline and a click on a
 * chart moving it, a simulation in the worker with its summary, Replay worst run loading that run as
 * the trace, pools in the State and Sequence views, Stop keeping the runs done, and the overlay of
 * two variants' runs while comparing.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseVariant, openWorkbench, runCommand, stepStatus, watchErrors } from './workbench.ts';

const editorTab = (page: Page, name: RegExp) => page.getByRole('tablist', { name: 'Editors' }).getByRole('tab', { name });
const charts = (page: Page) => page.getByTestId('metric-chart');
const simulationForm = (page: Page) => page.getByRole('form', { name: 'Simulation' });

async function simulate(page: Page, runs: number): Promise<void> {
  await page.getByRole('tablist', { name: 'Panel views' }).getByRole('tab', { name: /^Simulation/ }).click();
  await simulationForm(page).getByLabel('Runs').fill(String(runs));
  await simulationForm(page).getByLabel('Seed').fill('1');
  await simulationForm(page).getByRole('button', { name: 'Run Simulation' }).click();
}

test('charts the metrics of a trace, simulates, and replays the worst run', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  // The order model measures nothing: the view says so instead of drawing empty charts.
  await page.keyboard.press('Control+Shift+Y');
  await expect(editorTab(page, /^Metrics/)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('no-metrics')).toContainText('This variant declares no metrics');

  await chooseVariant(page, 'reload-every-connection');
  await expect(charts(page)).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'Metric timer lateness' })).toContainText('never above 500 ms');
  await expect(page.locator('.iv-metric-chart canvas')).toHaveCount(3);
  await expect(page.getByTestId('metrics-source')).toContainText('The current trace: 0 steps');

  // A small simulation in the worker; the summary, in display units, and the properties.
  await simulate(page, 20);
  const summary = page.getByTestId('simulation-summary');
  await expect(summary).toContainText('tls-reload / reload-every-connection: 20 runs (seeds 1–20)');
  await expect(summary).toContainText('1 min each');
  const metrics = page.getByRole('table', { name: 'Metric summary' });
  await expect(metrics.getByRole('row')).toHaveCount(4);
  await expect(metrics.getByRole('row', { name: /timer lateness ms/ })).toBeVisible();
  const properties = page.getByRole('table', { name: 'Properties' });
  await expect(properties.getByRole('row', { name: /timer-on-time/ })).toContainText(/\d+ of 20 runs/);
  await expect(page.getByRole('region', { name: 'Coverage' })).toContainText(/distinct states · \d+ of \d+ state nodes reached/);
  const worst = page.getByTestId('worst-run');
  await expect(worst).toContainText(/Worst run: seed \d+\. /);
  const seed = (await worst.locator('b').textContent())!.replace('seed ', '');

  // Replay worst run: that run becomes the trace, at step 0, charted.
  await worst.getByRole('button', { name: 'Replay Worst Run' }).click();
  await expect(page.getByTestId('status-branch')).toHaveText(new RegExp(`worst run: seed ${seed}$`));
  await expect(stepStatus(page)).toHaveText(/^Step 0 of \d{2,}$/);
  await expect(page.getByTestId('metrics-source')).toContainText(/The current trace: \d{2,} steps to \d/);
  await expect(charts(page).first()).toHaveAttribute('data-cursor-time', '0');

  // The cursor line follows the timeline, both ways.
  await page.keyboard.press('Alt+End');
  await expect(charts(page).first()).toHaveAttribute('data-cursor-time', /^[1-9]\d{3,}$/);
  await page.keyboard.press('Alt+Home');
  await expect(charts(page).first()).toHaveAttribute('data-cursor-time', '0');
  const busy = page.getByRole('region', { name: 'Metric I/O threads busy' });
  await busy.locator('.u-over').click({ position: { x: 200, y: 40 } });
  await expect(stepStatus(page)).not.toHaveText(/^Step 0 of/);
  const picked = Number(await charts(page).first().getAttribute('data-cursor-time'));
  expect(picked).toBeGreaterThan(0);
  await expect(busy.getByTestId('metric-at-cursor')).toContainText(/\d threads?$/);
  // F10 follows the replayed run (its timed stimuli included) instead of forking it.
  for (let i = 0; i < 5; i++) await page.keyboard.press('F10');
  await expect(page.getByTestId('status-branch')).toHaveText(new RegExp(`worst run: seed ${seed}$`));

  // The pools: busy workers and the ready queue in the State view, the jobs in the sequence diagram.
  await editorTab(page, /^State$/).click();
  await expect(page.locator('[data-pool="io"]')).toContainText(/\d of 4 workers busy/);
  await editorTab(page, /^Sequence/).click();
  await expect(page.locator('g.iv-mark-job-start').first()).toBeAttached();
  expect(errors).toEqual([]);
});

test('stops a long simulation with the runs done, and overlays two variants while comparing', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await chooseVariant(page, 'reload-every-connection');
  await simulate(page, 1_000_000);
  await expect(page.getByTestId('status-simulation')).toContainText(/Simulating \d+\/1000000 runs/);
  await expect(page.getByTestId('simulation-progress')).toContainText(/[\d,]+ steps\/s/);
  // The main thread stays free: stepping works while the worker simulates.
  await page.keyboard.press('F10');
  await expect(stepStatus(page)).toHaveText('Step 1 of 1');
  await page.keyboard.press('Shift+F8');
  await expect(page.getByTestId('simulation-summary')).toContainText(/[\d]+ of 1000000 runs, stopped by you/);
  await expect(page.getByTestId('status-simulation')).toHaveCount(0);

  await runCommand(page, 'Compare With Another Variant');
  await page.getByRole('dialog').getByRole('option', { name: /^timers-first/ }).click();
  await runCommand(page, 'Show Metrics');
  await expect(page.getByTestId('metrics-source')).toContainText('Overlaid: simulated run seed 1');
  await expect(charts(page)).toHaveCount(3);
  const legend = page.getByRole('region', { name: 'Metric timer lateness' }).locator('.u-legend');
  await expect(legend).toContainText('reload-every-connection');
  await expect(legend).toContainText('timers-first');
  await expect(page.getByRole('region', { name: 'Metric timer lateness' }).getByTestId('metric-verdict')).toHaveCount(2);
  expect(errors).toEqual([]);
});

/** Shared pieces of the workbench's end-to-end tests: the seed's path, panels, stepping, screenshots. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The seed's bug, step by step, as describeStep labels it: no fault, yet the order stays processing. */
export const SEED_PATH = [
  'stimulus finalize',
  'wfe → ra: FinalizeOrder',
  'ra → sa: SetOrderProcessing {"replyTo":"ra"}',
  'sa → ra: SetOrderProcessing.ok',
  'ra → ca: IssueCertificate {"replyTo":"ra"}',
  'timer ra.ctx',
];

/** Collects page errors and console errors; a test expects none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Opens the app; a fresh start opens the order model's buggy variant, which most specs are about. */
export async function openWorkbench(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('workbench')).toBeVisible();
  if (path === '/') await chooseVariant(page, 'buggy');
}

type PanelName = 'Timeline' | 'Next step' | 'Problems' | 'Output';

export function panelTab(page: Page, name: PanelName) {
  return page.getByRole('tablist', { name: 'Panel views' }).getByRole('tab', { name: new RegExp(`^${name}`) });
}

export async function showPanel(page: Page, name: PanelName): Promise<void> {
  await panelTab(page, name).click();
  await expect(panelTab(page, name)).toHaveAttribute('aria-selected', 'true');
}

export function nextStep(page: Page) {
  return page.getByRole('listbox', { name: 'Next step' });
}

export function timeline(page: Page) {
  return page.getByRole('listbox', { name: 'Timeline' });
}

export async function take(page: Page, ...labels: string[]): Promise<void> {
  await showPanel(page, 'Next step');
  for (const label of labels) await nextStep(page).getByRole('option', { name: label, exact: true }).click();
}

export function stepStatus(page: Page) {
  return page.getByTestId('status-step');
}

export async function chooseVariant(page: Page, variant: string): Promise<void> {
  await page.getByRole('tree', { name: 'Models' }).getByRole('treeitem', { name: variant, exact: true }).click();
  await expect(page.getByTestId('status-model')).toHaveText(new RegExp(`/ ${variant}$`));
}

/** Runs a command from the palette: F1, type its title, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox').fill(title);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Views load lazily: a picture of a spinner shows nothing.
  await expect(page.getByText(/Loading the view|Laying out statecharts/)).toHaveCount(0);
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/**
 * Opens order / cleanup-daemon with a budget of 100 faults in the Run and Explore view: a search of
 * several hundred thousand states, long enough to watch and to stop. Returns the bounds form.
 */
export async function prepareLongSearch(page: Page): Promise<Locator> {
  await chooseVariant(page, 'cleanup-daemon');
  await page.getByRole('tab', { name: 'Run and Explore' }).click();
  const bounds = page.getByRole('form', { name: 'Explorer bounds' });
  await bounds.getByLabel('Max faults').fill('100');
  await expect(bounds.getByLabel('Max faults')).toHaveValue('100');
  return bounds;
}

/**
 * Sharing and persistence: a share link opens the same trace paused at step 0 in a new page; a broken
 * file or link is reported and changes nothing; the session and the layout survive a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { chooseVariant, openWorkbench, SEED_PATH, showPanel, stepStatus, take, timeline, watchErrors } from './workbench.ts';

/** Drops a file on the window, as a user dragging it from the desktop would. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName, { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    [name, text],
  );
}

test('a share link opens model, variant and trace, paused at step 0, in a new page', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWorkbench(page);
  await chooseVariant(page, 'async-fail-order');
  await take(page, ...SEED_PATH.slice(0, 3));
  await showPanel(page, 'Output');
  await page.getByRole('toolbar', { name: 'Export and import' }).getByRole('button', { name: 'Copy Share Link' }).click();
  const link = (await page.getByTestId('output-artefact').textContent()) ?? '';
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#trace=[A-Za-z0-9+\-$]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const elsewhere = await browser.newContext();
  const opened = await elsewhere.newPage();
  const openedErrors = watchErrors(opened);
  await openWorkbench(opened, link);
  await expect(opened.getByTestId('status-model')).toHaveText('order / async-fail-order');
  await expect(stepStatus(opened)).toHaveText('Step 0 of 3');
  await expect(timeline(opened).getByRole('option')).toHaveText([/Initial world/, ...SEED_PATH.slice(0, 3).map((s) => new RegExp(escape(s)))]);
  await expect(opened.getByRole('status').filter({ hasText: 'Opened the share link' })).toBeVisible();
  expect(opened.url()).not.toContain('#trace=');
  await elsewhere.close();
  expect([...errors, ...openedErrors]).toEqual([]);
});

test('a broken file or link is reported by name and leaves the work untouched', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await take(page, ...SEED_PATH.slice(0, 2));
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');

  await dropFile(page, 'broken.json', '{"format":"interleave-trace","version":1,"model":"order","variant":"buggy","steps":[{"do":"deliver"}]}');
  const alert = page.getByRole('alert').filter({ hasText: 'broken.json' });
  await expect(alert).toContainText('Could not open broken.json: the file is not a valid trace: steps[0].from:');
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');
  await expect(page.getByRole('list', { name: 'Branches' }).getByRole('button')).toHaveCount(1);
  await alert.getByRole('button', { name: 'Dismiss notification' }).click();

  await dropFile(page, 'other.json', '{"format":"interleave-trace","version":1,"model":"order","variant":"buggy","steps":[{"do":"timer","actor":"ra","timer":"ctx"}]}');
  await expect(page.getByRole('alert')).toContainText('Could not open other.json: the file does not replay: steps[0] (timer ra.ctx) is not enabled at that point');
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');

  // A pasted link to a trace of another version, through the command and its input box.
  const future = { format: 'interleave-trace', version: 2, model: 'order', variant: 'buggy', steps: [] };
  await page.keyboard.press('F1');
  await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill('Open Share Link');
  await page.keyboard.press('Enter');
  const input = page.getByRole('dialog').getByRole('combobox');
  await input.fill(`http://127.0.0.1/#trace=${LZString.compressToEncodedURIComponent(JSON.stringify(future))}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'share link' })).toContainText(
    'Could not open the share link: the link is not a valid trace: version: this trace is version 2; Interleave reads version 1',
  );
  await expect(stepStatus(page)).toHaveText('Step 2 of 2');

  // A good file of the same variant opens as a new branch, paused at step 0.
  await dropFile(page, 'good.json', '{"format":"interleave-trace","version":1,"model":"order","variant":"buggy","title":"from a file","steps":[{"do":"stimulus","name":"finalize"}]}');
  await expect(page.getByTestId('status-branch')).toHaveText('from a file');
  await expect(stepStatus(page)).toHaveText('Step 0 of 1');
  await expect(page.getByRole('list', { name: 'Branches' }).getByRole('button')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('the session and the layout survive a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await chooseVariant(page, 'fresh-context-sync');
  await take(page, ...SEED_PATH.slice(0, 3));
  await showPanel(page, 'Timeline');
  await timeline(page).getByRole('option', { name: 'Step 2: wfe → ra: FinalizeOrder' }).click();
  await take(page, 'timer wfe.deadline'); // a fork: two branches

  const sideBar = page.getByRole('complementary', { name: 'Explorer' });
  const before = (await sideBar.boundingBox())!.width;
  const sash = page.locator('[data-separator]').first();
  const box = (await sash.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await sideBar.boundingBox())!.width).toBeGreaterThan(before + 40);
  const resized = (await sideBar.boundingBox())!.width;

  await page.reload();
  await expect(page.getByTestId('status-model')).toHaveText('order / fresh-context-sync');
  await expect(page.getByTestId('status-branch')).toHaveText('fork of main at step 2');
  await expect(stepStatus(page)).toHaveText('Step 3 of 3');
  await expect(page.getByRole('list', { name: 'Branches' }).getByRole('button')).toHaveCount(2);
  await expect(page.getByRole('tab', { name: /^Next step/ })).toHaveAttribute('aria-selected', 'true');
  expect(Math.abs((await sideBar.boundingBox())!.width - resized)).toBeLessThan(2);
  expect(errors).toEqual([]);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a saved session that no longer replays is reported, and a fresh one starts', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    const steps = [{ do: 'timer', actor: 'ra', timer: 'ctx' }];
    const session = { format: 'interleave-session', version: 1, model: 'order', variant: 'buggy', branches: [{ id: 'b1', name: 'main', steps }], current: 'b1', cursor: 1 };
    if (!sessionStorage.getItem('seeded')) localStorage.setItem('interleave.session', JSON.stringify(session));
    sessionStorage.setItem('seeded', 'yes');
  });
  await openWorkbench(page);
  await expect(page.getByRole('alert')).toContainText(
    'The saved session could not be restored: branches[0] ("main"): steps[0] (timer ra.ctx) is not enabled at that point',
  );
  await expect(stepStatus(page)).toHaveText('Step 0 of 0');
  expect(errors).toEqual([]);
});

test('exports the trace as a Vitest test, JSON, SVG and PNG', async ({ page }) => {
  const errors = watchErrors(page);
  await openWorkbench(page);
  await take(page, ...SEED_PATH);
  await showPanel(page, 'Output');
  const toolbar = page.getByRole('toolbar', { name: 'Export and import' });
  const download = async (label: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), toolbar.getByRole('button', { name: label }).click()]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
  };

  const vitest = await download('Download Vitest Test');
  expect(vitest.name).toBe('order-buggy-main.test.ts');
  expect(vitest.text).toContain("import { expect, test } from 'vitest';");
  expect(vitest.text).toContain('"property": "order-leaves-processing"');
  const json = await download('Download Trace JSON');
  expect(json.name).toBe('order-buggy-main.trace.json');
  expect(JSON.parse(json.text)).toMatchObject({ format: 'interleave-trace', model: 'order', variant: 'buggy', title: 'main' });
  expect(JSON.parse(json.text).steps).toHaveLength(6);
  const svg = await download('Download Sequence Diagram as SVG');
  expect(svg.name).toBe('order-buggy-main.svg');
  expect(svg.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const png = await download('Download Sequence Diagram as PNG');
  expect(png.name).toBe('order-buggy-main.png');
  expect(png.text.slice(1, 4)).toBe('PNG');
  expect(errors).toEqual([]);
});

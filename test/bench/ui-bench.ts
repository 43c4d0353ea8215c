/**
 * The workbench in a browser, for `npm run bench` (which imports this at its end when `dist/` exists;
 * it builds nothing itself: run `vite build` first). Serves dist/ with `vite preview` on a free port,
 * drives Debian's Chromium with playwright-core, and prints JSON lines:
 *
 * - ui-first-paint: first contentful paint of the workbench, ms;
 * - ui-main-chunk: the largest entry script in dist/assets, gzipped (node:zlib), bytes;
 * - ui-step-latency-5000: a 5,000-step trace of order/cleanup-daemon opened from a share link, then
 *   Alt+Left ×25 and Alt+Right ×25 from its last step, each timed in the page with performance
 *   marks: medianMs/p95Ms from the key event until the status bar shows the new step (the main
 *   thread's work: command, store update, React render and commit), toNextFrame* until the frame
 *   after that has run (quantised to the display's frames).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import LZString from 'lz-string';
import { chromium } from 'playwright-core';
import { canonicalJson, makeTrace, Runtime } from '../../app/engine/index.ts';
import { walkSteps } from '../fixtures/walk.ts';
import order from '../../machines/order/index.ts';

const STEPS = 5000;
const PRESSES = 50;

type Line = (o: object) => void;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`vite preview did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function mainChunk(dist: string): { file: string; rawBytes: number; gzipBytes: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const files = entries.length > 0 ? entries : readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const largest = files.map((f) => ({ f, size: statSync(join(dist, f)).size })).sort((a, b) => b.size - a.size)[0];
  return { file: largest.f, rawBytes: largest.size, gzipBytes: gzipSync(readFileSync(join(dist, largest.f)), { level: 9 }).length };
}

/**
 * The in-page timing loop, as source text: tsx would otherwise wrap its named functions in a helper
 * the page does not have. Each key event goes to the workbench's window listener; the step is done
 * when the status bar shows the new cursor and one more frame has run.
 */
const timeSteps = (presses: number) => `(async () => {
  const el = document.querySelector('[data-testid="status-step"]');
  const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  const work = [];
  const frames = [];
  for (let i = 0; i < ${presses}; i++) {
    const key = i < ${presses / 2} ? 'ArrowLeft' : 'ArrowRight';
    const before = el.textContent;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    performance.mark('step-' + i + '-start');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: true, bubbles: true, cancelable: true }));
    while (el.textContent === before) await tick();
    performance.mark('step-' + i + '-commit');
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    performance.mark('step-' + i + '-frame');
    work.push(performance.measure('step-' + i, 'step-' + i + '-start', 'step-' + i + '-commit').duration);
    frames.push(performance.measure('step-' + i + '-painted', 'step-' + i + '-start', 'step-' + i + '-frame').duration);
  }
  return { work, frames };
})()`;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const round = (x: number) => Math.round(x * 10) / 10;

export async function runUiBench(line: Line, dist = 'dist'): Promise<void> {
  line({ case: 'ui-main-chunk', ...mainChunk(dist) });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const server = spawn(join('node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist], {
    stdio: 'ignore',
    detached: false,
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    await waitForServer(base, 30_000);

    // First contentful paint, in a fresh context (nothing cached, no saved session).
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(base);
      await page.getByTestId('workbench').waitFor();
      const fcp = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const found = performance.getEntriesByName('first-contentful-paint')[0];
            if (found) return resolve(found.startTime);
            new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
          }),
      );
      line({ case: 'ui-first-paint', firstContentfulPaintMs: round(fcp) });
      await context.close();
    }

    // Step latency on a 5,000-step trace.
    const steps = walkSteps(new Runtime(order, 'cleanup-daemon'), STEPS);
    const link = `${base}#trace=${LZString.compressToEncodedURIComponent(canonicalJson(makeTrace('order', 'cleanup-daemon', steps)))}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(link);
    const status = page.getByTestId('status-step');
    await status.filter({ hasText: `of ${steps.length}` }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Alt+End');
    await status.filter({ hasText: `Step ${steps.length} of ${steps.length}` }).waitFor();
    const { work, frames } = (await page.evaluate(timeSteps(PRESSES))) as { work: number[]; frames: number[] };
    const sorted = [...work].sort((a, b) => a - b);
    const painted = [...frames].sort((a, b) => a - b);
    line({
      case: `ui-step-latency-${STEPS}`,
      steps: steps.length,
      presses: work.length,
      medianMs: round(quantile(sorted, 0.5)),
      p95Ms: round(quantile(sorted, 0.95)),
      toNextFrameMedianMs: round(quantile(painted, 0.5)),
      toNextFrameP95Ms: round(quantile(painted, 0.95)),
    });
    await context.close();
  } finally {
    await browser.close();
    server.kill();
  }
}

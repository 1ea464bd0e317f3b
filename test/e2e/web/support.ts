import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Runtime, startRuntime } from '../../../local/runtime/runtime.ts';
import { loadSecret, signToken } from '../../../local/runtime/tokens.ts';
import { buildConsole } from '../../../web/build.ts';

/**
 * The console end to end: the local runtime (DynamoDB Local, the real handlers) on a free port
 * with a temporary data folder, serving a freshly built web/dist, driven by Debian's chromium.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface ConsoleRuntime {
  runtime: Runtime;
  url: string;
  dataDir: string;
  tokenFor(unitId: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startConsoleRuntime(options: { demo: boolean }): Promise<ConsoleRuntime> {
  await buildConsole();
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-web-e2e-'));
  const runtime = await startRuntime({ port: 0, dataDir, demo: options.demo, print: () => {} });
  return {
    runtime,
    url: runtime.url,
    dataDir,
    tokenFor: async (unitId) => signToken(await loadSecret(dataDir), { role: 'unit-head', unitId }),
    stop: async () => {
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Imports a document through the console runtime's API, as an administrator; throws on any refusal. */
export async function importDocument(rt: ConsoleRuntime, document: unknown): Promise<void> {
  const response = await fetch(`${rt.url}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rt.runtime.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(document),
  });
  if (!response.ok) throw new Error(`import: ${response.status} ${await response.text()}`);
}

/**
 * Debian's chromium, with the flags that keep it from reaching out on this closed network. Playwright
 * gives every launch a fresh temporary profile (it refuses `--user-data-dir` in `args`).
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the web console tests`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A page signed in with `token` through the `?token=` link, as a reminder's link would do. */
export async function signedInPage(
  browser: Browser,
  url: string,
  token: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(`${url}/?token=${encodeURIComponent(token)}`);
  await page.locator('main h1').first().waitFor();
  return { context, page };
}

/** An admin page of the console at `hash`, at this width (a phone is 390 px). */
export async function adminPage(
  browser: Browser,
  rt: ConsoleRuntime,
  width: number,
  hash: string,
): Promise<Page> {
  const { page } = await signedInPage(browser, rt.url, rt.runtime.adminToken, { width, height: 900 });
  page.setDefaultTimeout(10_000);
  await page.goto(`${rt.url}/${hash}`);
  return page;
}

/** How many pixels the page scrolls sideways (0: none). */
export const sideways = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | undefined;

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it is now; the serious and critical violations.
 * The script is evaluated over the DevTools protocol, so the console's CSP stays on.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

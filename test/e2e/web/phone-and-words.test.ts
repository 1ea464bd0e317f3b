import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../../shared/domain/calendar.ts';
import {
  type ConsoleRuntime,
  importDocument,
  launchChromium,
  signedInPage,
  startConsoleRuntime,
} from './support.ts';

const inDays = (n: number) => toLocalDate(new Date(Date.now() + n * 86_400_000));

/** Ids a clerk must never read on a page (they stay in URLs): units, contacts, a directive, tasks, the policy. */
const IDS = [
  'vp-ubnd',
  'so-noi-vu',
  'so-tu-phap',
  'nv-head',
  'tp-focal',
  'kh-01',
  'nv-bao-cao',
  'tp-ra-soat',
  'mac-dinh',
];
/** zod's English and the API's English messages, as they read before the error maps. */
const ENGLISH =
  /Too small|Too big|Invalid input|expected|must (be|have|not)|is required|belongs to another unit|Failed to fetch|Internal server error/i;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

const seed = () => ({
  units: [
    { id: 'vp-ubnd', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'vp-ubnd' },
    { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', parentId: 'vp-ubnd' },
  ],
  contacts: [
    { id: 'nv-head', unitId: 'so-noi-vu', name: 'Nguyễn Văn An', role: 'head', phone: '0912 345 678' },
    { id: 'tp-focal', unitId: 'so-tu-phap', name: 'Trần Thị Bình', role: 'focal', phone: '+84 987 654 321' },
  ],
  directives: [
    {
      id: 'kh-01',
      number: '12/KH-UBND',
      issuedOn: inDays(-5),
      issuer: 'UBND tỉnh',
      title: 'Kế hoạch cải cách hành chính',
      tasks: [
        { id: 'nv-bao-cao', title: 'Báo cáo tinh giản biên chế', due: inDays(-2), lead: 'so-noi-vu' },
        { id: 'tp-ra-soat', title: 'Rà soát văn bản quy phạm', due: inDays(40), lead: 'so-tu-phap' },
      ],
    },
  ],
});

let rt: ConsoleRuntime;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  rt = await startConsoleRuntime({ demo: false });
  await importDocument(rt, seed());
  ({ browser, close: closeBrowser } = await launchChromium());
}, 180_000);

afterAll(async () => {
  await closeBrowser?.();
  await rt?.stop();
}, 60_000);

/** What a person sees of the page now: its text, its width against the window's, the failed requests. */
async function seen(page: Page) {
  return page.evaluate(() => ({
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point (closed <details> and hidden nodes are not read)
    text: document.body.innerText,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
}

/** The admin pages, each with what shows it has loaded and what to open (forms built on demand). */
const PAGES: [hash: string, ready: string, open?: string][] = [
  ['#/', '.counts'],
  ['#/units/so-noi-vu/assignments', '.card'],
  ['#/directives', '.cards'],
  ['#/directives/kh-01', '[data-testid=timeline]', 'Thêm nhiệm vụ'],
  ['#/policies/mac-dinh', '.timeline-row'],
  ['#/units/so-noi-vu', '[data-email-status]'],
  ['#/calendar', '.months'],
  ['#/scorecard', 'figure.chart'],
];

describe.each([1366, 390])('the console in Vietnamese at %i px wide', (width) => {
  it.each(PAGES)(
    '%s shows no raw id, ISO date or English, and does not scroll sideways',
    async (hash, ready, open) => {
      // Prepare
      const { page, context } = await signedInPage(browser, rt.url, rt.runtime.adminToken, {
        width,
        height: 900,
      });
      const failed: string[] = [];
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      // Act
      await page.goto(`${rt.url}/${hash}`);
      if (open) await page.getByText(open, { exact: true }).click();
      await page.locator(ready).first().waitFor();
      const { text, overflow } = await seen(page);
      await context.close();
      // Assess
      expect(IDS.filter((id) => text.includes(id))).toEqual([]);
      expect(text.match(ISO_DATE)).toBeNull();
      expect(text.match(ENGLISH)).toBeNull();
      expect(overflow).toBe(0);
      expect(failed).toEqual([]);
    },
  );

  it("a unit head's page names the unit, shows compact cards and does not scroll sideways", async () => {
    // Prepare
    const { page, context } = await signedInPage(browser, rt.url, await rt.tokenFor('so-noi-vu'), {
      width,
      height: 900,
    });
    // Act
    await page.locator('[data-assignment]').first().waitFor();
    const formsBefore = await page.locator('[data-assignment] form').count();
    const { text, overflow } = await seen(page);
    await context.close();
    // Assess
    expect(text).toContain('Nhiệm vụ của đơn vị — Sở Nội vụ');
    expect(formsBefore).toBe(0);
    expect(IDS.filter((id) => text.includes(id))).toEqual([]);
    expect(text.match(ISO_DATE)).toBeNull();
    expect(overflow).toBe(0);
  });

  it('words the rules of an empty directive form in Vietnamese, once, under the field labels', async () => {
    // Prepare
    const { page, context } = await signedInPage(browser, rt.url, rt.runtime.adminToken, {
      width,
      height: 900,
    });
    await page.goto(`${rt.url}/#/directives`);
    await page.getByLabel('Ngày ban hành').fill('31/02/2026');
    // Act
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const items = await alert.locator('li').allTextContents();
    const headings = await alert.locator('strong').count();
    const { text } = await seen(page);
    await context.close();
    // Assess
    expect(items).toEqual([
      'Số văn bản: Không được để trống',
      'Ngày ban hành: Ngày không có thật trên lịch',
      'Cơ quan ban hành: Không được để trống',
      'Trích yếu: Không được để trống',
    ]);
    expect(headings).toBe(1);
    expect(text.match(ENGLISH)).toBeNull();
  });
});

describe('the console when the API is out of reach', () => {
  it('says so in Vietnamese and loads the page again on "Thử lại"', async () => {
    // Prepare
    const { page, context } = await signedInPage(browser, rt.url, rt.runtime.adminToken, {
      width: 390,
      height: 900,
    });
    await page.route('**/directives?*', (route) => route.abort('internetdisconnected'));
    await page.goto(`${rt.url}/#/directives`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const message = await alert.textContent();
    // Act
    await page.unroute('**/directives?*');
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await page.locator('.cards').waitFor();
    const cards = await page.locator('.cards li').count();
    await context.close();
    // Assess
    expect(message).toContain('Không kết nối được với máy chủ');
    expect(cards).toBe(1);
  });
});

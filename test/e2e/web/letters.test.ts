import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../../shared/domain/calendar.ts';
import {
  adminPage,
  type ConsoleRuntime,
  importDocument,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  sideways,
  startConsoleRuntime,
} from './support.ts';

const inDays = (n: number) => toLocalDate(new Date(Date.now() + n * 86_400_000));
const WIDTHS = [1366, 390] as const;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const ENGLISH = /overdue|assignment|selection|Download|letter|Bad Request|must /i;

/** Per width: a directive with an overdue task (two units), and one with nothing overdue. */
const seed = () => ({
  units: [
    { id: 'vp-ubnd', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'vp-ubnd' },
    { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', parentId: 'vp-ubnd' },
  ],
  contacts: [],
  directives: WIDTHS.flatMap((w) => [
    {
      id: `qua-han-${w}`,
      number: `${w}/KH-UBND`,
      issuedOn: inDays(-20),
      issuer: 'UBND tỉnh',
      title: 'Kế hoạch cải cách hành chính',
      tasks: [
        {
          id: `bc-${w}`,
          title: 'Báo cáo tinh giản biên chế',
          due: inDays(-3),
          lead: ['so-noi-vu', 'so-tu-phap'],
        },
      ],
    },
    {
      id: `dung-han-${w}`,
      number: `${w}/CV-UBND`,
      issuedOn: inDays(-2),
      issuer: 'UBND tỉnh',
      title: 'Công văn rà soát thủ tục',
      tasks: [{ id: `rs-${w}`, title: 'Rà soát thủ tục hành chính', due: inDays(30), lead: 'so-tu-phap' }],
    },
  ]),
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

describe.each(WIDTHS)('reminder letters at %i px wide', (width) => {
  const open = (hash: string) => adminPage(browser, rt, width, hash);

  it('drafts the letter from the directive page, shows its text and downloads the Word file', async () => {
    // Prepare
    const page = await open(`#/directives/qua-han-${width}`);
    // Act
    await page.getByRole('button', { name: 'Soạn văn bản đôn đốc' }).click();
    await page.waitForURL(/#\/letters\/[^/]+$/);
    await page
      .getByRole('heading', {
        level: 1,
        name: `V/v đôn đốc thực hiện nhiệm vụ tại Văn bản số ${width}/KH-UBND`,
      })
      .waitFor();
    const letterText = (await page.locator('main').textContent()) ?? '';
    const letterViolations = await seriousAxeViolations(page);
    const letterOverflow = await sideways(page);
    await screenshot(page, `letter-${width}`);
    await page.getByRole('link', { name: 'Tất cả văn bản đôn đốc' }).click();
    const card = page.locator('li.card', { hasText: `${width}/KH-UBND` });
    await card.waitFor();
    const listText = (await page.locator('main').textContent()) ?? '';
    const listViolations = await seriousAxeViolations(page);
    const listOverflow = await sideways(page);
    await screenshot(page, `letters-${width}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Tải về (.docx)' }).click(),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(path);
    // Assess
    expect(letterText).toContain('Kính gửi');
    expect(letterText).toContain('Sở Nội vụ');
    expect(letterText).toContain('Sở Tư pháp');
    expect(letterText).toContain('Báo cáo tinh giản biên chế');
    expect(letterText).toContain(inDays(-3).split('-').reverse().join('/'));
    expect(listText).toContain('2 đơn vị');
    expect(listText).toContain('2 nhiệm vụ');
    expect(listText).toContain(toLocalDate(new Date()).split('-').reverse().join('/'));
    for (const text of [letterText, listText]) {
      expect(text.match(ISO_DATE)).toBeNull();
      expect(text.match(ENGLISH)).toBeNull();
    }
    expect(download.suggestedFilename()).toMatch(/^van-ban-don-doc-.+\.docx$/);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(letterViolations).toEqual([]);
    expect(listViolations).toEqual([]);
    expect(letterOverflow).toBe(0);
    expect(listOverflow).toBe(0);
  });

  it('says in Vietnamese that nothing is overdue on a directive whose tasks are on time', async () => {
    // Prepare
    const page = await open(`#/directives/dung-han-${width}`);
    // Act
    await page.getByRole('button', { name: 'Soạn văn bản đôn đốc' }).click();
    const alert = page.locator('main .notice-error');
    await alert.waitFor();
    // Assess
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Không có nhiệm vụ nào quá hạn để đôn đốc');
    expect(text.match(ENGLISH)).toBeNull();
    expect(page.url()).toContain(`#/directives/dung-han-${width}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
  });
});

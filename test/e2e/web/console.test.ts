import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate, WorkingCalendar } from '../../../shared/domain/calendar.ts';
import { resolveDeadline } from '../../../shared/domain/deadline.ts';
import { planReminders } from '../../../shared/domain/planner.ts';
import { defaultPolicy } from '../../../shared/domain/policy.ts';
import {
  type ConsoleRuntime,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  signedInPage,
  startConsoleRuntime,
} from './support.ts';

const DAY = 86_400_000;
const inDays = (n: number) => toLocalDate(new Date(Date.now() + n * DAY));
/** As a clerk types it in the console: dd/mm/yyyy. */
const typed = (iso: string) => iso.split('-').reverse().join('/');

/** Three units under the office, two contacts (one email still pending), one directive with a task per unit. */
const seed = () => ({
  units: [
    { id: 'vp-ubnd', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'vp-ubnd' },
    { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', parentId: 'vp-ubnd' },
    { id: 'ubnd-ba-be', name: 'UBND huyện Ba Bể', kind: 'district', parentId: 'vp-ubnd' },
  ],
  contacts: [
    {
      id: 'nv-head',
      unitId: 'so-noi-vu',
      name: 'Nguyễn Văn An',
      role: 'head',
      phone: '0912 345 678',
      email: 'an@example.vn',
    },
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
        { id: 'nv-bao-cao', title: 'Báo cáo tinh giản biên chế', due: inDays(40), lead: 'so-noi-vu' },
        {
          id: 'tp-ra-soat',
          title: 'Rà soát văn bản quy phạm pháp luật',
          due: inDays(40),
          lead: 'so-tu-phap',
        },
      ],
    },
  ],
});

let rt: ConsoleRuntime;
let browser: Browser;
let closeBrowser: () => Promise<void>;

async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const response = await fetch(`${rt.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token ?? rt.runtime.adminToken}`,
      'content-type': 'application/json',
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface AssignmentItem {
  id: string;
  unitId: string;
  taskId: string;
  title: string;
  state: string;
  progress: number;
}
const assignmentsOf = async (unit?: string) =>
  (await api<{ items: AssignmentItem[] }>(`/assignments?limit=100${unit ? `&unit=${unit}` : ''}`)).items;

async function adminPage(): Promise<Page> {
  return (await signedInPage(browser, rt.url, rt.runtime.adminToken)).page;
}

beforeAll(async () => {
  rt = await startConsoleRuntime({ demo: false });
  await api('/import', { method: 'POST', body: seed() });
  ({ browser, close: closeBrowser } = await launchChromium());
}, 180_000);

afterAll(async () => {
  await closeBrowser?.();
  await rt?.stop();
}, 60_000);

describe('the web console against the local runtime', () => {
  it('lets an administrator create a directive with a task for two units and shows the timeline preview', async () => {
    // Prepare
    const page = await adminPage();
    const due = inDays(30);
    const expected = planReminders({
      dueAt: resolveDeadline(due, WorkingCalendar.create()),
      policy: defaultPolicy,
      calendar: WorkingCalendar.create(),
    });
    // Act
    await page.goto(`${rt.url}/#/directives`);
    await page.getByLabel('Số văn bản').fill('276/UBND-NCPC');
    await page.getByLabel('Ngày ban hành').fill('13/01/2023');
    await page.getByLabel('Cơ quan ban hành').fill('UBND tỉnh Bắc Kạn');
    await page.getByLabel('Mã (tùy chọn)').fill('276-ubnd-ncpc');
    await page.getByLabel('Trích yếu').fill('Tăng cường công tác dân vận chính quyền');
    await page.getByRole('button', { name: 'Tạo' }).click();
    await page.getByRole('heading', { level: 1, name: /276\/UBND-NCPC/ }).waitFor();
    await page.getByLabel('Tên nhiệm vụ').fill('Báo cáo quý về công tác dân vận');
    await page.getByLabel('Hạn (ngày)').fill(typed(due));
    const lead = page.getByRole('group', { name: 'Đơn vị chủ trì' });
    await lead.getByLabel('Sở Nội vụ').check();
    await lead.getByLabel('UBND huyện Ba Bể').check();
    const rows = page.locator('[data-testid=timeline] .timeline-row');
    await rows.first().waitFor();
    const shown = await rows.count();
    const firstSms = await page.locator('[data-testid=timeline] .sms-text').first().textContent();
    await screenshot(page, 'directive-task-preview');
    await page.getByRole('button', { name: 'Tạo', exact: true }).last().click();
    await page.getByText('Đã tạo nhiệm vụ và 2 lượt giao.').waitFor();
    const titleAfter = await page.getByLabel('Tên nhiệm vụ').inputValue();
    // Assess
    expect(titleAfter).toBe('');
    expect(shown).toBe(expected.length);
    expect(firstSms).toContain('Bao cao quy ve cong tac dan van');
    expect(firstSms?.endsWith(`${rt.url}/l/XXXXXXXXXXXX`)).toBe(true); // counted as the engine will send it
    const created = (await assignmentsOf()).filter((a) => a.title === 'Báo cáo quý về công tác dân vận');
    expect(created.map((a) => a.unitId).sort()).toEqual(['so-noi-vu', 'ubnd-ba-be']);
  });

  it('shows the Vietnamese rule under the field and its label in the summary when a task has no lead unit', async () => {
    // Prepare
    const page = await adminPage();
    await page.goto(`${rt.url}/#/directives/kh-01`);
    await page.getByText('Thêm nhiệm vụ', { exact: true }).click();
    await page.getByLabel('Tên nhiệm vụ').fill('Nhiệm vụ chưa có đơn vị');
    await page.getByLabel('Hạn (ngày)').fill(typed(inDays(20)));
    // Act
    await page.getByRole('button', { name: 'Tạo', exact: true }).last().click();
    // Assess
    const lead = page.getByRole('group', { name: /^Đơn vị chủ trì/ });
    expect(await lead.locator('.error').textContent()).toBe('Chọn ít nhất một mục');
    const alert = page.getByRole('alert');
    expect(await alert.locator('li').allTextContents()).toEqual(['Đơn vị chủ trì: Chọn ít nhất một mục']);
    expect(await alert.locator('strong').count()).toBe(1);
  });

  it("shows the API's conflict in Vietnamese when a directive id is taken", async () => {
    // Prepare
    const page = await adminPage();
    await page.goto(`${rt.url}/#/directives`);
    await page.getByLabel('Số văn bản').fill('13/KH-UBND');
    await page.getByLabel('Ngày ban hành').fill('01/02/2024');
    await page.getByLabel('Cơ quan ban hành').fill('UBND tỉnh');
    await page.getByLabel('Mã (tùy chọn)').fill('kh-01');
    await page.getByLabel('Trích yếu').fill('Trùng mã');
    // Act
    await page.getByRole('button', { name: 'Tạo' }).click();
    // Assess
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('mã đã được dùng');
  });

  it('gives a unit head only their unit, and their progress report changes the dashboard', async () => {
    // Prepare
    const admin = await adminPage();
    const row = admin.locator('tr[data-unit="so-noi-vu"] [data-testid=open-progress]');
    const before = await row.textContent();
    const own = await assignmentsOf('so-noi-vu');
    const { page } = await signedInPage(browser, rt.url, await rt.tokenFor('so-noi-vu'), {
      width: 390,
      height: 844,
    });
    const cards = page.locator('[data-assignment]');
    await cards.first().waitFor();
    const shownIds = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-assignment')));
    // Act
    const first = cards.first();
    await first.getByText('Báo cáo tiến độ, hoàn thành hoặc xin gia hạn').click();
    await first.getByLabel('Tiến độ (%)').fill('80');
    await first.getByLabel('Ghi chú').fill('Đã hoàn thành dự thảo');
    await first.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).first().waitFor();
    await screenshot(page, 'unit-head-phone');
    await admin.reload();
    await row.waitFor();
    const after = await row.textContent();
    // Assess
    expect(shownIds.sort()).toEqual(own.map((a) => a.id).sort());
    expect(await page.locator('main').textContent()).not.toContain('Rà soát văn bản quy phạm pháp luật');
    const open = (await assignmentsOf('so-noi-vu')).filter((a) => a.state === 'open');
    const mean = Math.round(open.reduce((sum, a) => sum + a.progress, 0) / open.length);
    expect(after).toBe(`${mean}%`);
    expect(after).not.toBe(before);
  });

  it('starts a new policy empty, or from a chosen template, and says which', async () => {
    // Prepare
    const page = await adminPage();
    await page.goto(`${rt.url}/#/policies/new`);
    const heading = page.locator('#policy-title');
    await heading.waitFor();
    const empty = [
      await heading.textContent(),
      await page.getByLabel('Tên (chữ thường, gạch nối)').inputValue(),
    ];
    const emptySteps = await page.locator('.step').count();
    // Act
    await page.getByLabel('Bắt đầu từ').selectOption('mac-dinh');
    const fromTemplate = await heading.textContent();
    const steps = await page.locator('.step-sentence').allTextContents();
    // Assess
    expect(empty).toEqual(['Chính sách mới — trống', '']);
    expect(emptySteps).toBe(0);
    expect(fromTemplate).toBe('Chính sách mới — từ mẫu “Mặc định”');
    expect(steps[0]).toBe('5 ngày làm việc trước hạn: thư điện tử cho đơn vị');
    expect(steps.at(-1)).toBe('Quá hạn 10 ngày làm việc: SMS và thư điện tử cho đơn vị và cơ quan cấp trên');
  });

  it('switches to English and back', async () => {
    // Prepare
    const page = await adminPage();
    // Act
    await page.getByRole('button', { name: 'English' }).click();
    const english = await page.locator('main h1').textContent();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    // Assess
    expect(english).toBe('Dashboard');
    expect(await page.locator('main h1').textContent()).toBe('Tổng quan tình hình thực hiện');
  });

  it('exports the scorecard as the CSV of the API, with its BOM for Excel', async () => {
    // Prepare
    const page = await adminPage();
    await page.goto(`${rt.url}/#/scorecard`);
    await page.locator('figure.chart').waitFor();
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất CSV (Excel)' }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>)
      chunks.push(chunk);
    const csv = Buffer.concat(chunks).toString('utf8');
    // Assess
    expect(csv.startsWith('\uFEFFMã đơn vị,')).toBe(true);
    expect(csv).toContain('Sở Nội vụ');
  });
});

describe('the main pages', () => {
  /** Each page, what shows it is ready, and what to open first (forms built on demand). */
  const pages: [name: string, hash: string, ready: string, open?: string][] = [
    ['dashboard', '#/', '.counts'],
    ['directives', '#/directives', '.cards'],
    ['directive', '#/directives/kh-01', '[data-testid=timeline]', 'Thêm nhiệm vụ'],
    ['policy-editor', '#/policies/mac-dinh', '.timeline-row'],
    ['units', '#/units/so-noi-vu', '[data-email-status]'],
    ['calendar', '#/calendar', '.months'],
    ['scorecard', '#/scorecard', 'figure.chart'],
  ];

  it.each(pages)('%s has no serious or critical accessibility violation', async (name, hash, ready, open) => {
    // Prepare
    const page = await adminPage();
    // Act
    await page.goto(`${rt.url}/${hash}`);
    if (open) await page.getByText(open, { exact: true }).click();
    await page.locator(ready).first().waitFor();
    await screenshot(page, name);
    // Assess
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('the assignment page has no serious or critical accessibility violation', async () => {
    // Prepare
    const [assignment] = await assignmentsOf('so-noi-vu');
    const page = await adminPage();
    // Act
    await page.goto(`${rt.url}/#/assignments/${assignment?.id}`);
    await page.locator('.facts').waitFor();
    await screenshot(page, 'assignment');
    // Assess
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("the unit head's phone view has no serious or critical accessibility violation", async () => {
    // Prepare
    const { page } = await signedInPage(browser, rt.url, await rt.tokenFor('so-tu-phap'), {
      width: 390,
      height: 844,
    });
    // Act
    await page.locator('[data-assignment]').first().waitFor();
    await page.getByText('Báo cáo tiến độ, hoàn thành hoặc xin gia hạn').first().click();
    await page.locator('[data-assignment] form').first().waitFor();
    await screenshot(page, 'unit-head');
    // Assess
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('the sign-in page has no serious or critical accessibility violation', async () => {
    // Prepare
    const context = await browser.newContext();
    const page = await context.newPage();
    // Act
    await page.goto(`${rt.url}/`);
    await page.getByLabel('Mã truy cập').waitFor();
    await screenshot(page, 'sign-in');
    // Assess
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

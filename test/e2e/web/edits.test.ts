import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../../shared/domain/calendar.ts';
import {
  adminPage,
  type ConsoleRuntime,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  sideways,
  startConsoleRuntime,
} from './support.ts';

const inDays = (n: number) => toLocalDate(new Date(Date.now() + n * 86_400_000));
const typed = (iso: string) => iso.split('-').reverse().join('/');
const WIDTHS = [1366, 390] as const;

/** Per width: a directive with a task to edit, one to delete, one a unit has reported on; a policy in use and one not. */
const seed = () => ({
  units: [
    { id: 'vp-ubnd', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'vp-ubnd' },
    { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', parentId: 'vp-ubnd' },
    { id: 'ubnd-ba-be', name: 'UBND huyện Ba Bể', kind: 'district', parentId: 'vp-ubnd' },
  ],
  contacts: [],
  policies: WIDTHS.flatMap((w) => [
    { name: `dung-${w}`, steps: [{ offset: '-2wd', channels: ['sms'], to: ['unit'] }] },
    { name: `bo-${w}`, steps: [{ offset: '-1wd', channels: ['sms'], to: ['unit'] }] },
  ]),
  directives: WIDTHS.map((w) => ({
    id: `kh-${w}`,
    number: `${w}/KH-UBND`,
    issuedOn: inDays(-5),
    issuer: 'UBND tỉnh',
    title: 'Kế hoạch cải cách hành chính',
    tasks: [
      { id: `sua-${w}`, title: 'Báo cáo tinh giản biên chế', due: inDays(40), lead: 'so-noi-vu' },
      { id: `xoa-${w}`, title: 'Rà soát thủ tục hành chính', due: inDays(40), lead: 'so-tu-phap' },
      {
        id: `da-bc-${w}`,
        title: 'Kiểm tra công vụ',
        due: inDays(40),
        lead: ['so-noi-vu', 'ubnd-ba-be'],
        policy: `dung-${w}`,
      },
    ],
  })),
});

let rt: ConsoleRuntime;
let browser: Browser;
let closeBrowser: () => Promise<void>;

async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${rt.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${rt.runtime.adminToken}`, 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface TaskReply {
  task: { title: string; version: number };
  assignments: { unitId: string; dueAt: string }[];
}

/**
 * A unit head's report, retried while the planner is still writing the new assignment (its next
 * check, a catch-up schedule): each of those writes moves the version the report expects.
 */
async function report(id: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api(`/assignments/${id}/progress`, {
        method: 'POST',
        body: { percent: 30, note: 'Đang tổng hợp' },
      });
      return;
    } catch (error) {
      if (attempt === 20 || !(error as Error).message.includes(': 409 ')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

beforeAll(async () => {
  rt = await startConsoleRuntime({ demo: false });
  await api('/import', { method: 'POST', body: seed() });
  for (const w of WIDTHS) await report(`da-bc-${w}.so-noi-vu`);
  ({ browser, close: closeBrowser } = await launchChromium());
}, 180_000);

afterAll(async () => {
  await closeBrowser?.();
  await rt?.stop();
}, 60_000);

describe.each(WIDTHS)('editing and deleting at %i px wide', (width) => {
  const open = (hash: string) => adminPage(browser, rt, width, hash);
  /** The task's card on the directive page, opened. */
  const taskCard = async (page: Page, title: string) => {
    const card = page.locator('details.task-card', { has: page.getByText(title) });
    if (!(await card.getAttribute('open'))) await card.locator('summary').click();
    return card;
  };

  it('edits a task: a new deadline and title for its unit, and a unit added', async () => {
    // Prepare
    const page = await open(`#/directives/kh-${width}`);
    const card = await taskCard(page, 'Báo cáo tinh giản biên chế');
    await card.getByText('Sửa nhiệm vụ', { exact: true }).click();
    const form = card.locator('form');
    // Act
    await form.getByLabel('Tên nhiệm vụ').fill('Báo cáo tinh giản biên chế năm 2026');
    await form.getByLabel('Hạn (ngày)').fill(typed(inDays(60)));
    await form
      .getByRole('group', { name: /^Đơn vị chủ trì/ })
      .getByLabel('Sở Tư pháp')
      .check();
    const violations = await seriousAxeViolations(page);
    const overflow = await sideways(page);
    await screenshot(page, `task-edit-${width}`);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(/^Đã lưu nhiệm vụ; 2 lượt giao/).waitFor();
    // Assess
    const stored = await api<TaskReply>(`/directives/kh-${width}/tasks/sua-${width}`);
    expect(stored.task).toMatchObject({ title: 'Báo cáo tinh giản biên chế năm 2026', version: 2 });
    expect(stored.assignments.map((a) => a.unitId).sort()).toEqual(['so-noi-vu', 'so-tu-phap']);
    expect(new Set(stored.assignments.map((a) => toLocalDate(new Date(a.dueAt))))).toEqual(
      new Set([inDays(60)]),
    );
    expect(violations).toEqual([]);
    expect(overflow).toBe(0);
  });

  it('keeps a unit that has reported on the task, and says why the task cannot be deleted', async () => {
    // Prepare
    const page = await open(`#/directives/kh-${width}`);
    const card = await taskCard(page, 'Kiểm tra công vụ');
    // Act
    await card.getByText('Sửa nhiệm vụ', { exact: true }).click();
    const reported = card.getByRole('group', { name: /^Đơn vị chủ trì/ }).getByLabel('Sở Nội vụ');
    // Assess
    expect(await reported.isChecked()).toBe(true);
    expect(await reported.isDisabled()).toBe(true);
    expect(await card.getByText('nhiệm vụ được giữ lại làm hồ sơ', { exact: false }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Xóa nhiệm vụ' }).count()).toBe(0);
    expect(await sideways(page)).toBe(0);
  });

  it('deletes a task nobody acted on, after asking', async () => {
    // Prepare
    const page = await open(`#/directives/kh-${width}`);
    const card = await taskCard(page, 'Rà soát thủ tục hành chính');
    // Act
    await card.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
    const question = await card.getByRole('alert').textContent();
    await card.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
    await page.locator('details.task-card', { hasText: 'Rà soát thủ tục hành chính' }).waitFor({
      state: 'detached',
    });
    // Assess
    expect(question).toBe('Xóa nhiệm vụ này và 1 lượt giao của nó?');
    const tasks = await api<{ items: { id: string }[] }>(`/directives/kh-${width}/tasks`);
    expect(tasks.items.map((t) => t.id)).not.toContain(`xoa-${width}`);
  });

  it('refuses to delete a policy in use, saying how many tasks use it, in Vietnamese', async () => {
    // Prepare
    const page = await open(`#/policies/dung-${width}`);
    await page.locator('.policy-manage').waitFor();
    // Act
    await page.getByRole('button', { name: 'Xóa chính sách' }).click();
    await page.getByRole('button', { name: 'Xóa chính sách' }).click();
    const alert = page.locator('.policy-manage .notice-error');
    await alert.waitFor();
    // Assess
    expect(await alert.textContent()).toContain(
      'Tên (chữ thường, gạch nối): Đang được 1 nhiệm vụ sử dụng; hãy chuyển các nhiệm vụ đó sang chính sách khác trước khi xóa',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
  });

  it('deletes a policy no task uses', async () => {
    // Prepare
    const page = await open(`#/policies/bo-${width}`);
    await page.locator('.policy-manage').waitFor();
    // Act
    await page.getByRole('button', { name: 'Xóa chính sách' }).click();
    await page.getByRole('button', { name: 'Xóa chính sách' }).click();
    await page.waitForURL((url) => url.hash === '#/policies');
    // Assess
    const names = (await api<{ items: { name: string }[] }>('/policies')).items.map((p) => p.name);
    expect(names).not.toContain(`bo-${width}`);
    expect(names).toContain(`dung-${width}`);
  });

  it.each([
    ['2100', 'Năm 2099', 'Năm 2101'],
    ['1990', 'Năm 1991', 'Năm 1989'],
    ['2150', 'Năm 2099', 'Năm 2101'],
  ])('stops the calendar at the supported range (#/calendar/%s)', async (year, shown, absent) => {
    // Prepare
    const page = await open(`#/calendar/${year}`);
    // Act
    await page.locator('.months').waitFor();
    const heading = await page.locator('.year-switch h2').textContent();
    // Assess
    expect(heading).toBe(`Năm ${year === '1990' ? 1990 : 2100}`);
    expect(await page.getByRole('button', { name: shown, exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: absent, exact: true }).count()).toBe(0);
    expect(await page.locator('.year-edge').textContent()).toBe('Lịch có từ năm 1990 đến năm 2100');
    expect(await sideways(page)).toBe(0);
  });
});

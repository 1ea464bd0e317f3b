import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { allShards } from '#adapters/dynamodb/keys';
import type { Page } from '#ports/store';
import type { Assignment } from '#schemas/entities';
import { createTestTable, type TestTable } from '#test/support/table';
import { assignment } from './builders.ts';

const put = (value: Assignment) => ({ op: 'put', entity: { kind: 'assignment', value } }) as const;
const ids = (page: Page<Assignment> | Assignment[]) => ('items' in page ? page.items : page).map((a) => a.id);

describe('listing assignments by due date', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-assignments');
    await t.store.write([
      put(assignment('a3', { unitId: 'u1', dueAt: '2026-05-03T10:00:00.000Z' })),
      put(assignment('a1', { unitId: 'u1', dueAt: '2026-05-01T10:00:00+07:00' })),
      put(assignment('a2', { unitId: 'u1', dueAt: '2026-05-02T10:00:00.000Z', state: 'done' })),
      put(assignment('b1', { unitId: 'u2', dueAt: '2026-05-01T12:00:00.000Z' })),
      put(assignment('b2', { unitId: 'u2', dueAt: '2026-05-04T12:00:00.000Z', state: 'done' })),
    ]);
  });

  it("lists one unit's assignments of every state, soonest due first", async () => {
    expect(ids(await t.store.listAssignments({ unitId: 'u1' }))).toEqual(['a1', 'a2', 'a3']);
  });

  it("lists only one unit's open assignments when asked for open", async () => {
    expect(ids(await t.store.listAssignments({ unitId: 'u1', state: 'open' }))).toEqual(['a1', 'a3']);
  });

  it('lists assignments across units by due date', async () => {
    expect(ids(await t.store.listAssignments({}))).toEqual(['a1', 'b1', 'a2', 'a3', 'b2']);
  });

  it('lists done assignments across units', async () => {
    expect(ids(await t.store.listAssignments({ state: 'done' }))).toEqual(['a2', 'b2']);
  });

  it('keeps only assignments due strictly before dueBefore', async () => {
    const page = await t.store.listAssignments({ dueBefore: '2026-05-03T10:00:00Z' });

    expect(ids(page)).toEqual(['a1', 'b1', 'a2']);
  });

  it('moves an assignment to the done lists when it is closed', async () => {
    const closed = assignment('a3', {
      unitId: 'u1',
      dueAt: '2026-05-03T10:00:00.000Z',
      state: 'done',
      version: 2,
    });

    await t.store.write([{ ...put(closed), expect: 1 }]);

    expect(ids(await t.store.listAssignments({ unitId: 'u1', state: 'open' }))).toEqual(['a1']);
    expect(ids(await t.store.listAssignments({ state: 'done' }))).toEqual(['a2', 'a3', 'b2']);
  });
});

describe('paging through assignments merged from open and done', () => {
  let t: TestTable;
  const all = Array.from({ length: 11 }, (_, i) =>
    assignment(`p${String(i).padStart(2, '0')}`, {
      dueAt: new Date(Date.UTC(2026, 5, 1 + i)).toISOString(),
      state: i % 3 === 0 ? 'done' : 'open',
    }),
  );
  beforeAll(async () => {
    t = await createTestTable('store-assignment-pages');
    await t.store.write(all.map(put));
  });

  async function everyPage(query: { limit: number; dueBefore?: string; state?: 'open' | 'done' }) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await t.store.listAssignments({ ...query, cursor });
      pages.push(ids(page));
      cursor = page.cursor;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it('returns every assignment once, in due order, in pages of the asked size', async () => {
    const pages = await everyPage({ limit: 4 });

    expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
    expect(pages.flat()).toEqual(all.map((a) => a.id));
  });

  it('keeps the due-date bound on every page', async () => {
    const pages = await everyPage({ limit: 2, dueBefore: '2026-06-06T00:00:00.000Z' });

    expect(pages.flat()).toEqual(['p00', 'p01', 'p02', 'p03', 'p04']);
  });

  it('pages through one state alone', async () => {
    const pages = await everyPage({ limit: 2, state: 'done' });

    expect(pages.flat()).toEqual(['p00', 'p03', 'p06', 'p09']);
  });
});

describe("a task's assignments and an assignment's reports", () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-task-assignments');
  });

  it("lists a task's assignments by occurrence, and no other task's", async () => {
    await t.store.write([
      put(assignment('q2-u1', { taskId: 'quy', occurrence: '2026-06-30', unitId: 'u1' })),
      put(assignment('q1-u2', { taskId: 'quy', occurrence: '2026-03-31', unitId: 'u2' })),
      put(assignment('q1-u1', { taskId: 'quy', occurrence: '2026-03-31', unitId: 'u1' })),
      put(assignment('other', { taskId: 'nam', occurrence: 'once' })),
    ]);

    expect(ids(await t.store.listAssignmentsOfTask('quy'))).toEqual(['q1-u1', 'q1-u2', 'q2-u1']);
  });

  it("lists an assignment's progress reports oldest first", async () => {
    const report = (at: string, percent: number) => ({
      assignmentId: 'q1-u1',
      at,
      percent,
      note: '',
      by: 'u',
    });
    await t.store.write([
      {
        op: 'put',
        entity: { kind: 'progress', value: report('2026-03-20T02:00:00.000Z', 60) },
        expect: 'absent',
      },
      {
        op: 'put',
        entity: { kind: 'progress', value: report('2026-03-10T02:00:00.000Z', 20) },
        expect: 'absent',
      },
    ]);

    const reports = await t.store.listProgress('q1-u1');

    expect(reports.map((r) => r.percent)).toEqual([20, 60]);
  });

  it("gets and lists an assignment's extensions", async () => {
    const extension = {
      id: 'x1',
      assignmentId: 'q1-u1',
      requestedAt: '2026-03-25T02:00:00.000Z',
      requestedBy: 'head-u1',
      newDueAt: '2026-04-10T16:59:59.999Z',
      reason: 'Chờ số liệu',
      state: 'requested' as const,
      version: 1,
      createdAt: '2026-03-25T02:00:00.000Z',
      updatedAt: '2026-03-25T02:00:00.000Z',
    };
    await t.store.write([{ op: 'put', entity: { kind: 'extension', value: extension }, expect: 'absent' }]);

    expect(await t.store.getExtension('q1-u1', 'x1')).toEqual(extension);
    expect(await t.store.listExtensions('q1-u1')).toEqual([extension]);
  });

  it('keeps reports and extensions out of the assignment read', async () => {
    expect(await t.store.getAssignment('q1-u1')).toEqual(
      assignment('q1-u1', { taskId: 'quy', occurrence: '2026-03-31', unitId: 'u1' }),
    );
  });
});

describe('open assignments due for a check (the sweep safety net)', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-due-checks');
    await t.store.write([
      put(assignment('late', { nextCheckAt: '2026-04-20T01:00:00.000Z' })),
      put(assignment('at-edge', { nextCheckAt: '2026-04-21T08:00:00+07:00' })),
      put(assignment('later', { nextCheckAt: '2026-04-21T01:00:00.001Z' })),
      put(assignment('earliest', { nextCheckAt: '2026-04-19T01:00:00.000Z' })),
      put(assignment('no-check')),
      put(assignment('closed', { state: 'done', nextCheckAt: '2026-04-18T01:00:00.000Z' })),
    ]);
  });

  it('returns open assignments checked at or before the instant, oldest first', async () => {
    const page = await t.store.listDueChecks('2026-04-21T01:00:00.000Z');

    expect(ids(page)).toEqual(['earliest', 'late', 'at-edge']);
  });

  it('pages through due checks with a cursor', async () => {
    const first = await t.store.listDueChecks('2026-04-21T01:00:00.000Z', { limit: 2 });
    const second = await t.store.listDueChecks('2026-04-21T01:00:00.000Z', {
      limit: 2,
      cursor: first.cursor,
    });

    expect([...ids(first), ...ids(second)]).toEqual(['earliest', 'late', 'at-edge']);
  });

  it('stops returning an assignment once it is closed', async () => {
    const closed = assignment('late', { state: 'done', nextCheckAt: '2026-04-20T01:00:00.000Z', version: 2 });

    await t.store.write([{ ...put(closed), expect: 1 }]);

    expect(ids(await t.store.listDueChecks('2026-04-21T01:00:00.000Z'))).toEqual(['earliest', 'at-edge']);
  });

  it('stops returning an assignment once its next check is cleared', async () => {
    await t.store.write([{ ...put(assignment('earliest', { version: 2 })), expect: 1 }]);

    expect(ids(await t.store.listDueChecks('2026-04-21T01:00:00.000Z'))).toEqual(['at-edge']);
  });
});

describe('sharded index partitions', () => {
  let t: TestTable;
  const many = Array.from({ length: 40 }, (_, i) => `a-${String(i).padStart(2, '0')}`);
  beforeAll(async () => {
    t = await createTestTable('store-shards');
    for (const id of many) {
      const minute = String(Number(id.slice(2)) % 60).padStart(2, '0');
      await t.store.write([put(assignment(id, { nextCheckAt: `2026-04-20T01:${minute}:00.000Z` }))]);
    }
  });

  it('spreads the open assignments and their next checks over every shard, none on one constant key', async () => {
    const keys = await Promise.all(
      many.map(async (id) => {
        const { Item } = await t.doc.send(
          new GetCommand({ TableName: t.tableName, Key: { PK: `ASG#${id}`, SK: 'ASG' } }),
        );
        return { check: Item?.GSI3PK as string, open: Item?.GSI4PK as string };
      }),
    );

    expect(new Set(keys.map((k) => k.check))).toEqual(new Set(allShards.map((n) => `CHECK#${n}`)));
    expect(new Set(keys.map((k) => k.open))).toEqual(new Set(allShards.map((n) => `ASGS#open#${n}`)));
  });

  it('still lists due checks across the shards in next-check order, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.store.listDueChecks('2026-04-21T00:00:00.000Z', {
        limit: 7,
        ...(cursor && { cursor }),
      });
      seen.push(...ids(page));
      cursor = page.cursor;
    } while (cursor);

    expect(seen).toEqual([...many].sort());
  });
});

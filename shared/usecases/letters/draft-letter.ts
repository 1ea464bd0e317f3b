import { toLocalDate } from '#domain/calendar';
import {
  composeLetter,
  daysOverdue,
  defaultLetterhead,
  type LetterDirective,
  type LetterItem,
} from '#domain/letter';
import { STATUS_NAMES } from '#domain/message-texts';
import { assessStatus } from '#domain/status';
import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, CalendarReads, DirectiveReads, UnitReads } from '#ports/store';
import { ValidationError } from '../../errors.ts';
import type { StoredLetter } from '../../ports/letters.ts';
import type { Assignment } from '../../schemas/entities.ts';
import { newId, readAll } from '../common.ts';
import { calendarOf } from '../unit-head/assignment-queries.ts';

/** What drafting reads and writes. */
export type LetterDeps = Pick<Dependencies, 'letters' | 'clock' | 'settings'> & {
  store: AssignmentReads & DirectiveReads & UnitReads & CalendarReads;
};

/** Which overdue assignments a letter lists: named ones, or every overdue one (of a directive, of units). */
export interface LetterSelection {
  assignmentIds?: string[] | undefined;
  directiveId?: string | undefined;
  unitIds?: string[] | undefined;
}

/** More would make a letter nobody reads (and approach DynamoDB's item size). */
export const MAX_LETTER_ITEMS = 500;
/** Working days the units get to report back. */
export const REPLY_WORKING_DAYS = 5;

const nothing = (rule: string) => new ValidationError('nothing to draft', [{ path: 'assignmentIds', rule }]);

async function named(deps: LetterDeps, ids: string[], now: Date): Promise<Assignment[]> {
  const calendar = await calendarOf(deps);
  const found = await Promise.all(ids.map((id) => deps.store.getAssignment(id)));
  const issues = found.flatMap((a, i) => {
    if (!a) return [{ path: `assignmentIds.${i}`, rule: `no assignment ${ids[i]}` }];
    const { status } = assessStatus(a, now, calendar);
    return status === 'overdue'
      ? []
      : [{ path: `assignmentIds.${i}`, rule: `must be overdue (${a.id} is ${STATUS_NAMES.vi[status]})` }];
  });
  if (issues.length) throw new ValidationError('only overdue assignments go in a letter', issues);
  return found as Assignment[];
}

async function overdue(deps: LetterDeps, selection: LetterSelection, now: Date): Promise<Assignment[]> {
  const calendar = await calendarOf(deps);
  const units = selection.unitIds?.length ? selection.unitIds : [undefined];
  const lists = await Promise.all(
    units.map((unitId) =>
      readAll<Assignment>((p) =>
        deps.store.listAssignments({
          ...p,
          state: 'open',
          dueBefore: now.toISOString(),
          ...(unitId && { unitId }),
        }),
      ),
    ),
  );
  return lists
    .flat()
    .filter((a) => !selection.directiveId || a.directiveId === selection.directiveId)
    .filter((a) => assessStatus(a, now, calendar).status === 'overdue');
}

async function directivesOf(deps: LetterDeps, assignments: Assignment[]): Promise<LetterDirective[]> {
  const ids = [...new Set(assignments.map((a) => a.directiveId))];
  const found = await Promise.all(ids.map((id) => deps.store.getDirective(id)));
  return found
    .filter((d) => d !== undefined)
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn))
    .map(({ number, issuedOn, issuer, title }) => ({ number, issuedOn, issuer, title }));
}

async function itemsOf(deps: LetterDeps, assignments: Assignment[], today: string): Promise<LetterItem[]> {
  const ids = [...new Set(assignments.map((a) => a.unitId))];
  const units = new Map(
    (await Promise.all(ids.map((id) => deps.store.getUnit(id)))).map((u, i) => [ids[i], u?.name ?? ids[i]]),
  );
  return assignments
    .map((a) => ({
      unitName: units.get(a.unitId) ?? a.unitId,
      taskTitle: a.title,
      dueAt: a.dueAt,
      status: STATUS_NAMES.vi.overdue,
      daysOverdue: daysOverdue(a.dueAt, today),
    }))
    .sort((x, y) => x.unitName.localeCompare(y.unitName, 'vi') || x.dueAt.localeCompare(y.dueAt));
}

/**
 * Drafts the formal reminder letter for a set of overdue assignments and stores it (the DOCX is
 * rendered on download). `id` makes a policy step's draft idempotent: a retried step finds the
 * letter it already drafted.
 */
export async function draftLetter(
  deps: LetterDeps,
  createdBy: string,
  selection: LetterSelection,
  id: string = newId(),
): Promise<StoredLetter> {
  const now = deps.clock.now();
  const assignments = selection.assignmentIds?.length
    ? await named(deps, selection.assignmentIds, now)
    : await overdue(deps, selection, now);
  if (assignments.length === 0) throw nothing('no overdue assignment matches the selection');
  if (assignments.length > MAX_LETTER_ITEMS)
    throw nothing(`at most ${MAX_LETTER_ITEMS} assignments per letter (${assignments.length} selected)`);
  const today = toLocalDate(now);
  const calendar = await calendarOf(deps);
  const letter = composeLetter({
    head: deps.settings.letterhead ?? defaultLetterhead,
    date: today,
    directives: await directivesOf(deps, assignments),
    items: await itemsOf(deps, assignments, today),
    replyBy: calendar.addWorkingDays(today, REPLY_WORKING_DAYS),
  });
  const stored: StoredLetter = {
    id,
    createdAt: now.toISOString(),
    createdBy,
    assignmentIds: assignments.map((a) => a.id),
    letter,
  };
  const store = deps.letters;
  if (await store.save(stored)) return stored;
  return (await store.get(id)) ?? stored;
}

import { toLocalDate } from '#domain/local-time';
import type { ReminderPolicy } from '#domain/policy';
import type { Assignment } from '#schemas/entities';
import { logger } from '#shared/logger';
import { ValidationError } from '../../errors.ts';
import type { StoredLetter } from '../../ports/letters.ts';
import { draftLetter, type LetterDeps } from './draft-letter.ts';

/**
 * The id of the letter a policy step drafts for a directive on a local day: every assignment of
 * that directive reaching a `letter: true` step the same day lands on the one letter (the first
 * fire drafts it with all the directive's overdue assignments; later fires find it).
 */
export const stepLetterId = (directiveId: string, date: string) =>
  `${date.replaceAll('-', '')}-${directiveId}`.slice(0, 80);

/**
 * Drafts (once per directive and day) the letter a `letter: true` step asks for. Nothing overdue
 * left (all reported done meanwhile) is logged, not thrown; a storage error is thrown so the fire
 * is retried (its sends are guarded, the letter's put is conditional).
 */
export async function draftStepLetter(
  deps: LetterDeps,
  a: Assignment,
  policy: ReminderPolicy,
  step: number,
): Promise<StoredLetter | undefined> {
  const id = stepLetterId(a.directiveId, toLocalDate(deps.clock.now()));
  try {
    const letter = await draftLetter(
      deps,
      `policy:${policy.name}#${step}`,
      { directiveId: a.directiveId },
      id,
    );
    logger.info('letter drafted', {
      letterId: letter.id,
      assignmentId: a.id,
      step,
      items: letter.assignmentIds.length,
    });
    return letter;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    logger.warn('letter step with nothing overdue', { assignmentId: a.id, step, reason: error.issues });
    return undefined;
  }
}

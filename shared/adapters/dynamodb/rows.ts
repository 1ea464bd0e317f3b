import type * as z from 'zod/mini';
import { logger } from '../../logger.ts';
import {
  assignmentSchema,
  calendarOverrideSchema,
  contactSchema,
  directiveSchema,
  extensionSchema,
  progressReportSchema,
  reminderSchema,
  taskSchema,
  unitSchema,
} from '../../schemas/entities.ts';
import { storedPolicySchema } from '../../schemas/policy.ts';
import { toFieldIssues } from '../../schemas/validation.ts';
import { fromItem } from './keys.ts';

type Item = Record<string, unknown>;

/** The schema of each stored entity, by the item's `entity` tag (other tags are the engine's own). */
const SCHEMAS: Readonly<Record<string, z.ZodMiniType>> = {
  unit: unitSchema,
  contact: contactSchema,
  directive: directiveSchema,
  task: taskSchema,
  assignment: assignmentSchema,
  progress: progressReportSchema,
  extension: extensionSchema,
  policy: storedPolicySchema,
  override: calendarOverrideSchema,
  reminder: reminderSchema,
};

/**
 * The entity of a stored item, checked against its schema. A row that breaks it (written before a
 * rule existed, or by hand: an override dated 0000-01-01) is logged with its key and the failing
 * fields, never its values, and skipped: one bad row must not turn every read into a 500.
 */
export function readRow<T>(item: Item): T | undefined {
  const value = fromItem<T>(item);
  const schema = SCHEMAS[String(item.entity)];
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return value;
  logger.warn('stored row skipped: it breaks its schema', {
    pk: item.PK,
    sk: item.SK,
    entity: item.entity,
    issues: toFieldIssues(result.error),
  });
  return undefined;
}

/** The valid entities of a list of items, in order (bad rows logged and left out). */
export function readRows<T>(items: readonly Item[] | undefined): T[] {
  const rows: T[] = [];
  for (const item of items ?? []) {
    const row = readRow<T>(item);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

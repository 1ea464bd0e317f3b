import * as z from 'zod/mini';
import type { CheckPayload } from '../ports/reminder-scheduler.ts';
import { idSchema } from './common.ts';

/**
 * What a schedule delivers to the dispatcher (EventBridge Scheduler `Target.Input`): ids and the plan
 * version only. Versioned contract: a change of shape is a new `v`, fixture in test/fixtures/check-payload.v1.json.
 */
export const checkPayloadSchema = z.strictObject({
  v: z.literal(1),
  assignmentId: idSchema,
  planVersion: z.number().check(z.int(), z.nonnegative()),
});

export type CheckPayloadV1 = z.infer<typeof checkPayloadSchema>;

type Assert<T extends true> = T;
/** Compile-time guard: the schema and the port's `CheckPayload` describe the same payload. */
export type CheckPayloadMatchesPort = Assert<
  [CheckPayloadV1, CheckPayload] extends [CheckPayload, CheckPayloadV1] ? true : false
>;

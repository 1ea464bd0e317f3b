import * as z from 'zod';
import {
  assignmentDetailSchema,
  assignmentSchema,
  assignmentsQuerySchema,
  assignmentViewSchema,
  completeBodySchema,
  extensionParamsSchema,
  extensionRequestSchema,
  extensionSchema,
  idParamsSchema,
  pageOf,
  progressBodySchema,
  progressReportSchema,
  reminderSchema,
  remindersQuerySchema,
} from '../../schemas/api.ts';
import { decideExtension } from '../../usecases/admin/extensions.ts';
import {
  acknowledge,
  complete,
  reportProgress,
  requestExtension,
} from '../../usecases/unit-head/assignment-actions.ts';
import {
  getAssignmentDetail,
  listAssignments,
  listRemindersOf,
} from '../../usecases/unit-head/assignment-queries.ts';
import { storeCursor, storePage, wrapPage } from '../pagination.ts';
import { type AnyRoute, entity, json, route } from '../route.ts';

const conflict = {
  status: 409,
  description: 'The assignment is done, the extension decided, or the version moved',
};
const forbidden = { status: 403, description: "Another unit's assignment" };

/** Approve or reject an extension request: the same route but for the decision. */
const decideExtensionRoute = (action: 'approve' | 'reject') =>
  route({
    method: 'POST',
    path: `/assignments/{id}/extensions/{eid}/${action}`,
    operationId: action === 'approve' ? 'approveExtension' : 'rejectExtension',
    summary:
      action === 'approve'
        ? "Approve: moves the assignment's deadline (the original is kept) and reschedules"
        : 'Reject an extension request',
    tag: 'assignments',
    access: 'admin',
    params: extensionParamsSchema,
    ifMatch: true,
    responses: [
      {
        status: 200,
        description: 'Decided',
        schema: z.object({ extension: extensionSchema, assignment: assignmentSchema }),
      },
      conflict,
    ],
    handle: async ({ deps, actor, params, ifMatch }) =>
      json(
        200,
        await decideExtension(
          deps,
          actor,
          params.id,
          params.eid,
          action === 'approve' ? 'approved' : 'rejected',
          ifMatch,
        ),
      ),
  });

/** Assignments (giao nhiệm vụ): what unit heads read and answer, and administrators watch. */
export const assignmentRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/assignments',
    operationId: 'listAssignments',
    summary: 'List assignments with their computed status (a unit head sees its own unit only)',
    tag: 'assignments',
    access: 'unit',
    query: assignmentsQuerySchema,
    responses: [
      { status: 200, description: 'A page of assignments', schema: pageOf(assignmentViewSchema) },
      forbidden,
    ],
    handle: async ({ deps, actor, query }) => {
      const page = await listAssignments(deps, actor, { ...query, cursor: storeCursor(query.cursor) });
      return json(200, wrapPage(page));
    },
  }),
  route({
    method: 'GET',
    path: '/assignments/{id}',
    operationId: 'getAssignment',
    summary: 'An assignment with its status and reason, progress history and extensions',
    tag: 'assignments',
    access: 'unit',
    params: idParamsSchema,
    responses: [{ status: 200, description: 'The assignment', schema: assignmentDetailSchema }, forbidden],
    handle: async ({ deps, actor, params }) => entity(200, await getAssignmentDetail(deps, actor, params.id)),
  }),
  route({
    method: 'POST',
    path: '/assignments/{id}/progress',
    operationId: 'reportProgress',
    summary: 'Report progress (báo cáo tiến độ)',
    tag: 'assignments',
    access: 'unit',
    params: idParamsSchema,
    body: progressBodySchema,
    ifMatch: true,
    responses: [
      {
        status: 201,
        description: 'Recorded',
        schema: z.object({ assignment: assignmentSchema, report: progressReportSchema }),
      },
      forbidden,
      conflict,
    ],
    handle: async ({ deps, actor, params, body, ifMatch }) =>
      json(201, await reportProgress(deps, actor, params.id, body, ifMatch)),
  }),
  route({
    method: 'POST',
    path: '/assignments/{id}/acknowledge',
    operationId: 'acknowledgeAssignment',
    summary: 'Acknowledge the assignment (idempotent)',
    tag: 'assignments',
    access: 'unit',
    params: idParamsSchema,
    ifMatch: true,
    responses: [
      { status: 200, description: 'The assignment', schema: assignmentSchema },
      forbidden,
      conflict,
    ],
    handle: async ({ deps, actor, params, ifMatch }) =>
      entity(200, await acknowledge(deps, actor, params.id, ifMatch)),
  }),
  route({
    method: 'POST',
    path: '/assignments/{id}/complete',
    operationId: 'completeAssignment',
    summary: 'Report the assignment done; its reminders stop',
    tag: 'assignments',
    access: 'unit',
    params: idParamsSchema,
    body: completeBodySchema,
    bodyOptional: true,
    ifMatch: true,
    responses: [
      { status: 200, description: 'The assignment', schema: assignmentSchema },
      forbidden,
      conflict,
    ],
    handle: async ({ deps, actor, params, body, ifMatch }) =>
      entity(200, await complete(deps, actor, params.id, body, ifMatch)),
  }),
  route({
    method: 'POST',
    path: '/assignments/{id}/extensions',
    operationId: 'requestExtension',
    summary: 'Ask for a later deadline (gia hạn)',
    tag: 'assignments',
    access: 'unit',
    params: idParamsSchema,
    body: extensionRequestSchema,
    responses: [{ status: 201, description: 'The request', schema: extensionSchema }, forbidden, conflict],
    handle: async ({ deps, actor, params, body }) =>
      entity(201, await requestExtension(deps, actor, params.id, body)),
  }),
  decideExtensionRoute('approve'),
  decideExtensionRoute('reject'),
  route({
    method: 'GET',
    path: '/reminders',
    operationId: 'listReminders',
    summary: "An assignment's reminder log: what was sent to whom, when, by which channel, with what outcome",
    tag: 'reminders',
    access: 'unit',
    query: remindersQuerySchema,
    responses: [
      { status: 200, description: 'A page of reminders', schema: pageOf(reminderSchema) },
      forbidden,
    ],
    handle: async ({ deps, actor, query }) =>
      json(200, wrapPage(await listRemindersOf(deps, actor, query.assignment, storePage(query)))),
  }),
];

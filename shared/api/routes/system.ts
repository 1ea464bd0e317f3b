import * as z from 'zod';
import {
  calendarOverrideSchema,
  complianceQuerySchema,
  complianceReportSchema,
  dateParamsSchema,
  healthSchema,
  importQuerySchema,
  importResultSchema,
  overrideBodySchema,
  overridesQuerySchema,
  pageOf,
} from '../../schemas/api.ts';
import { importDocumentSchema } from '../../schemas/import.ts';
import { deleteOverride, listOverrides, putOverride } from '../../usecases/admin/calendar-overrides.ts';
import { complianceReport } from '../../usecases/admin/compliance-report.ts';
import { importDocument } from '../../usecases/admin/import-document.ts';
import { complianceCsv } from '../csv.ts';
import { openApiDocument } from '../openapi.ts';
import { pageOfList } from '../pagination.ts';
import { type AnyRoute, IMPORT_BODY_LIMIT, json, noContent, route } from '../route.ts';

const addOverride = (method: 'PUT' | 'POST') =>
  route({
    method,
    path: '/calendar/overrides',
    operationId: method === 'PUT' ? 'putCalendarOverride' : 'addCalendarOverride',
    summary: 'Add or replace the override of a date (an extra day off, or a swapped working day)',
    tag: 'calendar',
    access: 'admin',
    body: overrideBodySchema,
    responses: [
      { status: 201, description: 'Added', schema: calendarOverrideSchema },
      { status: 200, description: 'Replaced', schema: calendarOverrideSchema },
    ],
    handle: async ({ deps, body }) => {
      const { override, created } = await putOverride(deps, body);
      return json(created ? 201 : 200, override);
    },
  });

/** Calendar, scorecard, bulk import, health and the API's own description. */
export const systemRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/calendar/overrides',
    operationId: 'listCalendarOverrides',
    summary: "Administrators' calendar overrides (shipped holidays are built in)",
    tag: 'calendar',
    access: 'admin',
    query: overridesQuerySchema,
    responses: [{ status: 200, description: 'A page of overrides', schema: pageOf(calendarOverrideSchema) }],
    handle: async ({ deps, query }) =>
      json(200, pageOfList(await listOverrides(deps, query.year), query.limit, query.cursor)),
  }),
  addOverride('PUT'),
  addOverride('POST'),
  route({
    method: 'DELETE',
    path: '/calendar/overrides/{date}',
    operationId: 'deleteCalendarOverride',
    summary: 'Remove the override of a date',
    tag: 'calendar',
    access: 'admin',
    params: dateParamsSchema,
    responses: [{ status: 204, description: 'Removed' }],
    handle: async ({ deps, params }) => {
      await deleteOverride(deps, params.date);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/reports/compliance',
    operationId: 'complianceReport',
    summary: 'Per unit: assigned, done on time, done late, overdue, on-time rate (deadlines in [from, to])',
    tag: 'reports',
    access: 'admin',
    query: complianceQuerySchema,
    responses: [
      {
        status: 200,
        description: 'The scorecard',
        schema: complianceReportSchema,
        alternative: {
          contentType: 'text/csv',
          description: 'With ?format=csv: UTF-8 with BOM, Vietnamese headers (Excel)',
        },
      },
    ],
    handle: async ({ deps, query }) => {
      const report = await complianceReport(deps, query.from, query.to);
      if (query.format === 'json') return json(200, report);
      return {
        status: 200,
        text: complianceCsv(report),
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="bao-cao-tien-do-${query.from}-${query.to}.csv"`,
        },
      };
    },
  }),
  route({
    method: 'POST',
    path: '/import',
    operationId: 'importDocument',
    summary: 'Bulk import (the document of `dondoc seed`), validated whole before anything is written',
    tag: 'import',
    access: 'admin',
    query: importQuerySchema,
    body: z.unknown(),
    describeBody: importDocumentSchema,
    bodyLimit: IMPORT_BODY_LIMIT,
    responses: [
      { status: 200, description: 'What was created, updated or left unchanged', schema: importResultSchema },
      { status: 409, description: 'Some ids exist (mode=create)' },
      { status: 413, description: 'Over 5 MB: split the document' },
    ],
    handle: async ({ deps, actor, query, body }) =>
      json(200, await importDocument(deps, body, actor, { mode: query.mode })),
  }),
  route({
    method: 'GET',
    path: '/health',
    operationId: 'health',
    summary: 'Liveness',
    tag: 'system',
    access: 'public',
    responses: [{ status: 200, description: 'Alive', schema: healthSchema }],
    handle: async ({ deps }) =>
      json(200, { status: 'ok', stage: deps.settings.stage, time: deps.clock.now().toISOString() }),
  }),
  route({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'openApi',
    summary: 'This API as OpenAPI 3.1, generated from its zod schemas',
    tag: 'system',
    access: 'public',
    responses: [{ status: 200, description: 'The OpenAPI document' }],
    handle: async ({ routes }) => json(200, openApiDocument(routes)),
  }),
];

import type { StoredLetter } from '../../ports/letters.ts';
import { idParamsSchema, pageOf, pageQuerySchema } from '../../schemas/api.ts';
import { letterRequestSchema, letterSchema, letterSummarySchema } from '../../schemas/letters.ts';
import { found } from '../../usecases/common.ts';
import { draftLetter } from '../../usecases/letters/draft-letter.ts';
import { storePage, wrapPage } from '../pagination.ts';
import { type AnyRoute, json, route } from '../route.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The letter as the API shows it: without the letterhead (settings), with its download path. */
function shown(stored: StoredLetter) {
  const { head: _head, ...letter } = stored.letter;
  return { ...stored, letter, download: `/letters/${stored.id}/docx` };
}

/** The file name a clerk sees: `don-doc-2023-02-28-<id>.docx`. */
const fileName = (stored: StoredLetter) => `don-doc-${stored.createdAt.slice(0, 10)}-${stored.id}.docx`;

/** Formal reminder letters (văn bản đôn đốc, NĐ 30/2020 format): drafted here, signed and numbered by the office. */
export const letterRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    path: '/letters',
    operationId: 'draftLetter',
    summary:
      'Draft a formal reminder letter for overdue assignments (named, or all of a directive or of units)',
    tag: 'letters',
    access: 'admin',
    body: letterRequestSchema,
    bodyOptional: true,
    responses: [
      { status: 201, description: 'Drafted; download it from `download`', schema: letterSchema },
      { status: 400, description: 'An assignment that is not overdue, or nothing overdue matches' },
    ],
    handle: async ({ deps, actor, body }) =>
      json(201, shown(await draftLetter(deps, `admin:${actor.sub}`, body))),
  }),
  route({
    method: 'GET',
    path: '/letters',
    operationId: 'listLetters',
    summary: 'Drafted letters, newest first',
    tag: 'letters',
    access: 'admin',
    query: pageQuerySchema,
    responses: [{ status: 200, description: 'A page of letters', schema: pageOf(letterSummarySchema) }],
    handle: async ({ deps, query }) => json(200, wrapPage(await deps.letters.list(storePage(query)))),
  }),
  route({
    method: 'GET',
    path: '/letters/{id}',
    operationId: 'getLetter',
    summary: 'A drafted letter: its text as JSON',
    tag: 'letters',
    access: 'admin',
    params: idParamsSchema,
    responses: [{ status: 200, description: 'The letter', schema: letterSchema }],
    handle: async ({ deps, params }) =>
      json(200, shown(found(await deps.letters.get(params.id), `letter ${params.id}`))),
  }),
  route({
    method: 'GET',
    path: '/letters/{id}/docx',
    operationId: 'downloadLetter',
    summary: 'A drafted letter as a Word document (DOCX), ready for the number, signature and seal',
    tag: 'letters',
    access: 'admin',
    params: idParamsSchema,
    responses: [
      {
        status: 200,
        description: 'The DOCX',
        alternative: { contentType: DOCX, description: 'Word document' },
      },
    ],
    handle: async ({ deps, params }) => {
      const stored = found(await deps.letters.get(params.id), `letter ${params.id}`);
      // Loaded on the first download, not at the API's cold start: the Word writer is a third of the bundle.
      const { letterDocx } = await import('#domain/letter-docx');
      return {
        status: 200,
        binary: await letterDocx(stored.letter),
        headers: {
          'content-type': DOCX,
          'content-disposition': `attachment; filename="${fileName(stored)}"`,
        },
      };
    },
  }),
];

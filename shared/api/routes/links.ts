import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod';
import type { ApiDependencies } from '#ports/dependencies';
import { AppError, TooManyRequestsError, ValidationError } from '../../errors.ts';
import { completeBodySchema, contactParamsSchema, progressBodySchema } from '../../schemas/api.ts';
import {
  linkActionSchema,
  linkCodeParamsSchema,
  linkFormSchema,
  linkIdParamsSchema,
  linkItemParamsSchema,
  linkViewSchema,
  mintLinkBodySchema,
  personalLinkSchema,
} from '../../schemas/links.ts';
import { parseWith } from '../../schemas/validation.ts';
import { linksOfContact, revokeLink } from '../../usecases/links/admin-links.ts';
import { actThroughLink, type LinkActionInput } from '../../usecases/links/link-actions.ts';
import { mintLink } from '../../usecases/links/mint-link.ts';
import { LinkRefusedError, type OpenedLink, openLink } from '../../usecases/links/open-link.ts';
import { type AssignmentView, calendarOf, viewOf } from '../../usecases/unit-head/assignment-queries.ts';
import { doneNotice, linkPage, refusalPage } from '../link-page.ts';
import { header } from '../middleware.ts';
import { type AnyRoute, json, type Reply, route } from '../route.ts';

/**
 * The personal link (`/l/<code>`, public: the code is the credential) and its administration.
 * The page and its JSON API answer only for the link's own contact, unit and items.
 */

const HTML = {
  'content-type': 'text/html; charset=utf-8',
  'referrer-policy': 'no-referrer',
  // No script at all; the page's own inline style; forms post back to the page only.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};
const FORM_LIMIT = 16 * 1024;

/**
 * The caller's address for the rate limits: behind CloudFront the viewer is the last
 * `x-forwarded-for` entry (CloudFront appends it; earlier entries are whatever the client sent).
 */
export function clientOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): string {
  const forwarded = header(event, 'x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || event.requestContext?.http?.sourceIp || 'unknown';
}

const html = (status: number, text: string): Reply => ({ status, text, headers: HTML });

/** A refused link or an exhausted limit as its page; anything else goes on to the error mapper. */
function refusal(error: unknown): Reply {
  if (error instanceof LinkRefusedError) return html(error.status, refusalPage(error.reason));
  if (error instanceof TooManyRequestsError)
    return {
      ...html(429, refusalPage('limited')),
      headers: { ...HTML, 'retry-after': String(error.retryAfterSeconds) },
    };
  throw error;
}

function formOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): LinkActionInput & { item: string } {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > FORM_LIMIT)
    throw new ValidationError('form too large', [{ path: '(body)', rule: 'at most 16 KB' }]);
  const form = Object.fromEntries(new URLSearchParams(text));
  if (form.note === '') delete form.note;
  return parseWith(linkFormSchema, form, 'body');
}

const formError = (error: unknown) =>
  error instanceof AppError &&
  !(error instanceof LinkRefusedError) &&
  !(error instanceof TooManyRequestsError)
    ? error.message
    : undefined;

/** The form's action, then a redirect to the page (so a reload does not post again); a user's mistake re-renders the page (200, as browsers expect of a form). */
async function postForm(
  deps: ApiDependencies,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  code: string,
): Promise<Reply> {
  const client = clientOf(event);
  try {
    const { item, ...input } = formOf(event);
    await actThroughLink(deps, code, client, item, input);
    return {
      status: 303,
      headers: { location: `/l/${encodeURIComponent(code)}?xong=${input.action}` },
    };
  } catch (error) {
    const message = formError(error);
    if (message === undefined) return refusal(error);
    const opened = await openLink(deps, code, client).catch(refusal);
    if ('status' in opened) return opened;
    return html(200, linkPage(code, opened, { ok: false, text: `Chưa ghi nhận: ${message}` }));
  }
}

/** An item as a link shows it: what the contact needs, not the assignment's internals. */
const itemView = (a: AssignmentView) => ({
  id: a.id,
  title: a.title,
  dueAt: a.dueAt,
  state: a.state,
  status: a.status,
  progress: a.progress,
  ...(a.acknowledgedAt && { acknowledgedAt: a.acknowledgedAt }),
});

function view(opened: OpenedLink) {
  return {
    contact: { id: opened.contact.id, name: opened.contact.name },
    unit: { id: opened.link.unitId, name: opened.unitName },
    validUntil: opened.link.validUntil,
    items: opened.items.map(itemView),
  };
}

const linkItemAction = (action: LinkActionInput['action'], body?: z.ZodType) =>
  route({
    method: 'POST',
    path: `/l/{code}/items/{id}/${action}`,
    operationId: `${action}ThroughLink`,
    summary: `Through a personal link: ${action === 'acknowledge' ? 'acknowledge' : action === 'progress' ? 'report progress on' : 'report done'} one of its items (recorded "qua liên kết")`,
    tag: 'links',
    access: 'public',
    params: linkItemParamsSchema,
    ...(body && { body }),
    ...(action === 'complete' && { bodyOptional: true }),
    responses: [
      { status: 200, description: 'The item now', schema: linkViewSchema.shape.items.element },
      { status: 404, description: 'Unknown link, or an item it does not name' },
      { status: 410, description: 'The link expired, was revoked, or all its items are closed' },
      { status: 429, description: 'Too many link requests from this address' },
    ],
    handle: async ({ deps, event, params, body: input }) => {
      const assignment = await actThroughLink(deps, params.code, clientOf(event), params.id, {
        action,
        ...(input as object),
      } as LinkActionInput);
      return json(200, itemView(viewOf(assignment, deps.clock.now(), await calendarOf(deps))));
    },
  });

export const linkRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/l/{code}',
    operationId: 'openLinkPage',
    summary: "A personal link's page: the contact's items, with acknowledge / progress / done forms (HTML)",
    tag: 'links',
    access: 'public',
    params: linkCodeParamsSchema,
    query: z.object({ xong: z.string().max(20).optional() }),
    responses: [
      {
        status: 200,
        description: 'The page',
        alternative: { contentType: 'text/html', description: 'HTML page' },
      },
    ],
    handle: async ({ deps, event, params, query }) => {
      try {
        const opened = await openLink(deps, params.code, clientOf(event));
        return html(200, linkPage(params.code, opened, doneNotice(query.xong)));
      } catch (error) {
        return refusal(error);
      }
    },
  }),
  route({
    method: 'POST',
    path: '/l/{code}',
    operationId: 'postLinkForm',
    summary: "A personal link page's form (urlencoded): records the action, then redirects to the page",
    tag: 'links',
    access: 'public',
    params: linkCodeParamsSchema,
    responses: [
      { status: 303, description: 'Recorded; back to the page' },
      {
        status: 200,
        description: 'Not recorded (a wrong form): the page again, saying what was wrong',
        alternative: { contentType: 'text/html', description: 'HTML page' },
      },
    ],
    handle: async ({ deps, event, params }) => postForm(deps, event, params.code),
  }),
  route({
    method: 'GET',
    path: '/l/{code}/data',
    operationId: 'getLinkData',
    summary: "A personal link's items as JSON",
    tag: 'links',
    access: 'public',
    params: linkCodeParamsSchema,
    responses: [{ status: 200, description: 'The contact and its items', schema: linkViewSchema }],
    handle: async ({ deps, event, params }) =>
      json(200, view(await openLink(deps, params.code, clientOf(event)))),
  }),
  linkItemAction('acknowledge'),
  linkItemAction('progress', progressBodySchema),
  linkItemAction('complete', completeBodySchema),
  route({
    method: 'POST',
    path: '/links',
    operationId: 'mintLink',
    summary: "Make a personal link for a contact and some of its unit's assignments (to pass on by hand)",
    tag: 'links',
    access: 'admin',
    body: mintLinkBodySchema,
    responses: [
      {
        status: 201,
        description: 'The link (its URL is shown this once)',
        schema: z.object({ url: z.string(), link: personalLinkSchema }),
      },
    ],
    handle: async ({ deps, actor, body, event }) => {
      const base = header(event, 'origin');
      const { url, link } = await mintLink(deps, { ...body, createdBy: `admin:${actor.sub}`, base });
      return json(201, { url, link });
    },
  }),
  route({
    method: 'GET',
    path: '/units/{id}/contacts/{contactId}/links',
    operationId: 'listContactLinks',
    summary: "A contact's personal links, newest first, with what was done through each",
    tag: 'links',
    access: 'admin',
    params: contactParamsSchema,
    responses: [
      {
        status: 200,
        description: 'The links',
        schema: z.object({
          items: z.array(personalLinkSchema.extend({ actions: z.array(linkActionSchema) })),
        }),
      },
    ],
    handle: async ({ deps, params }) =>
      json(200, { items: await linksOfContact(deps, params.id, params.contactId) }),
  }),
  route({
    method: 'DELETE',
    path: '/links/{id}',
    operationId: 'revokeLink',
    summary: 'Revoke a personal link now (a lost phone, a contact who left)',
    tag: 'links',
    access: 'admin',
    params: linkIdParamsSchema,
    responses: [{ status: 200, description: 'The revoked link', schema: personalLinkSchema }],
    handle: async ({ deps, actor, params }) => json(200, await revokeLink(deps, actor, params.id)),
  }),
];

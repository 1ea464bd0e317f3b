import { ForbiddenError } from '../../errors.ts';
import {
  contactBodySchema,
  contactCreateSchema,
  contactParamsSchema,
  contactSchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
  unitBodySchema,
  unitCreateSchema,
  unitSchema,
} from '../../schemas/api.ts';
import type { Actor } from '../../usecases/actor.ts';
import { createContact, deleteContact, updateContact } from '../../usecases/admin/contacts.ts';
import { createUnit, deleteUnit, getUnit, updateUnit } from '../../usecases/admin/units.ts';
import { found } from '../../usecases/common.ts';
import { pageOfList, storePage, wrapPage } from '../pagination.ts';
import { type AnyRoute, entity, json, noContent, route } from '../route.ts';

const ok = { status: 200, description: 'The unit' };
const conflict = { status: 409, description: 'The id exists, or the version moved' };

/** Units (đơn vị) and their contacts (thủ trưởng, cán bộ đầu mối). */
/** A unit head may read their own unit and its contacts (their page names them); admins any. */
function readsOwnUnit(actor: Actor, unitId: string): void {
  if (actor.role === 'unit-head' && actor.unitId !== unitId)
    throw new ForbiddenError('a unit head may read only their own unit');
}

export const unitRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/units',
    operationId: 'listUnits',
    summary: 'List units',
    tag: 'units',
    access: 'admin',
    query: pageQuerySchema,
    responses: [{ status: 200, description: 'A page of units', schema: pageOf(unitSchema) }],
    handle: async ({ deps, query }) => json(200, wrapPage(await deps.store.listUnits(storePage(query)))),
  }),
  route({
    method: 'POST',
    path: '/units',
    operationId: 'createUnit',
    summary: 'Create a unit',
    tag: 'units',
    access: 'admin',
    body: unitCreateSchema,
    responses: [{ status: 201, description: 'Created', schema: unitSchema }, conflict],
    handle: async ({ deps, body }) => {
      const unit = await createUnit(deps, body);
      return entity(201, unit, { location: `/units/${encodeURIComponent(unit.id)}` });
    },
  }),
  route({
    method: 'GET',
    path: '/units/{id}',
    operationId: 'getUnit',
    summary: 'Get a unit (a unit head: their own, for its name on their page)',
    tag: 'units',
    access: 'unit',
    params: idParamsSchema,
    responses: [{ ...ok, schema: unitSchema }],
    handle: async ({ deps, actor, params }) => {
      readsOwnUnit(actor, params.id);
      return entity(200, await getUnit(deps, params.id));
    },
  }),
  route({
    method: 'PUT',
    path: '/units/{id}',
    operationId: 'updateUnit',
    summary: 'Replace a unit (name, kind, parent)',
    tag: 'units',
    access: 'admin',
    params: idParamsSchema,
    body: unitBodySchema,
    ifMatch: true,
    responses: [{ ...ok, schema: unitSchema }, conflict],
    handle: async ({ deps, params, body, ifMatch }) =>
      entity(200, await updateUnit(deps, params.id, body, ifMatch)),
  }),
  route({
    method: 'DELETE',
    path: '/units/{id}',
    operationId: 'deleteUnit',
    summary: 'Delete a unit without children, contacts or assignments',
    tag: 'units',
    access: 'admin',
    params: idParamsSchema,
    ifMatch: true,
    responses: [{ status: 204, description: 'Deleted' }, conflict],
    handle: async ({ deps, params, ifMatch }) => {
      await deleteUnit(deps, params.id, ifMatch);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/units/{id}/contacts',
    operationId: 'listContacts',
    summary: "List a unit's contacts (a unit head: their own unit's, who the reminders go to)",
    tag: 'contacts',
    access: 'unit',
    params: idParamsSchema,
    query: pageQuerySchema,
    responses: [{ status: 200, description: 'A page of contacts', schema: pageOf(contactSchema) }],
    handle: async ({ deps, actor, params, query }) => {
      readsOwnUnit(actor, params.id);
      found(await deps.store.getUnit(params.id), `unit ${params.id}`);
      return json(200, pageOfList(await deps.store.listContacts(params.id), query.limit, query.cursor));
    },
  }),
  route({
    method: 'POST',
    path: '/units/{id}/contacts',
    operationId: 'createContact',
    summary: "Add a contact; an email is subscribed to the unit's topic (pending until confirmed)",
    tag: 'contacts',
    access: 'admin',
    params: idParamsSchema,
    body: contactCreateSchema,
    responses: [{ status: 201, description: 'Created', schema: contactSchema }, conflict],
    handle: async ({ deps, params, body }) => {
      const contact = await createContact(deps, params.id, body);
      return entity(201, contact, {
        location: `/units/${encodeURIComponent(params.id)}/contacts/${encodeURIComponent(contact.id)}`,
      });
    },
  }),
  route({
    method: 'GET',
    path: '/units/{id}/contacts/{contactId}',
    operationId: 'getContact',
    summary: 'Get a contact',
    tag: 'contacts',
    access: 'admin',
    params: contactParamsSchema,
    responses: [{ status: 200, description: 'The contact', schema: contactSchema }],
    handle: async ({ deps, params }) =>
      entity(
        200,
        found(await deps.store.getContact(params.id, params.contactId), `contact ${params.contactId}`),
      ),
  }),
  route({
    method: 'PUT',
    path: '/units/{id}/contacts/{contactId}',
    operationId: 'updateContact',
    summary: 'Replace a contact; a changed email is re-subscribed',
    tag: 'contacts',
    access: 'admin',
    params: contactParamsSchema,
    body: contactBodySchema,
    ifMatch: true,
    responses: [{ status: 200, description: 'The contact', schema: contactSchema }, conflict],
    handle: async ({ deps, params, body, ifMatch }) =>
      entity(200, await updateContact(deps, params.id, params.contactId, body, ifMatch)),
  }),
  route({
    method: 'DELETE',
    path: '/units/{id}/contacts/{contactId}',
    operationId: 'deleteContact',
    summary: 'Remove a contact and unsubscribe its email',
    tag: 'contacts',
    access: 'admin',
    params: contactParamsSchema,
    ifMatch: true,
    responses: [{ status: 204, description: 'Deleted' }, conflict],
    handle: async ({ deps, params, ifMatch }) => {
      await deleteContact(deps, params.id, params.contactId, ifMatch);
      return noContent();
    },
  }),
];

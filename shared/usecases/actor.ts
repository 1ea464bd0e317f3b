import { ForbiddenError } from '../errors.ts';

/** Who is acting: an administrator, or the head of one unit (from the JWT claims, or a script). */
export type Actor =
  | { sub: string; role: 'admin'; name?: string }
  | { sub: string; role: 'unit-head'; unitId: string; name?: string };

/** A unit head acts only on its own unit's assignments; admins on all. */
export function assertActsForUnit(actor: Actor, unitId: string): void {
  if (actor.role === 'unit-head' && actor.unitId !== unitId) {
    throw new ForbiddenError('this assignment belongs to another unit');
  }
}

export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('administrators only');
}

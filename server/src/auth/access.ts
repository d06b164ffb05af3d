import { ForbiddenError } from '../errors/forbidden-error.js';
import { hasRole, type Actor } from './actor.js';
import type { AdminRole } from './token-secret.js';

/** Throws FORBIDDEN unless the actor holds `role` (or a higher one) for `action`. */
export function requireRole(actor: Actor, role: AdminRole, action: string): void {
  if (!hasRole(actor, role)) {
    throw new ForbiddenError(`${action} needs the ${role} role; this token is a ${actor.role}`);
  }
}

/** Instance-wide operations (creating projects) need an owner token that is not tied to a project. */
export function requireInstanceOwner(actor: Actor, action: string): void {
  if (actor.projectId !== null || actor.role !== 'owner') {
    throw new ForbiddenError(`${action} needs an instance-wide owner token`);
  }
}

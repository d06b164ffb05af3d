import type { AdminRole } from './token-secret.js';

/** Who is calling the admin API: an admin token, resolved once per request. */
export interface Actor {
  readonly tokenId: string;
  readonly role: AdminRole;
  /** The one project the token may see; null for an instance-wide token (the first-run owner). */
  readonly projectId: string | null;
  /** How revisions name the caller: the token's name and prefix. */
  readonly label: string;
}

const RANK: Readonly<Record<AdminRole, number>> = { viewer: 0, editor: 1, owner: 2 };

export function hasRole(actor: Actor, role: AdminRole): boolean {
  return RANK[actor.role] >= RANK[role];
}

/** Whether the actor may see the project at all; callers answer NOT_FOUND when it may not. */
export function canSeeProject(actor: Actor, projectId: string): boolean {
  return actor.projectId === null || actor.projectId === projectId;
}

/**
 * Server code acting on its own, named by `label` in revisions (e.g. `rollout-plan:<id>`). It has
 * the owner role in its one project: only someone with the rights to change that project's
 * environment set it going. When a person's action makes it act, pass the person: their rights
 * are what count (protected environments need an owner), and the system's name what is recorded.
 */
export function systemActor(projectId: string, label: string, person?: Actor): Actor {
  return person ? { ...person, label } : { tokenId: label, role: 'owner', projectId, label };
}

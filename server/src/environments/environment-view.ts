import type { EnvironmentModel } from './environment.model.js';
import type { EnvironmentEntity } from './environment.entity.js';

export function environmentView(e: EnvironmentEntity): EnvironmentModel {
  return {
    id: e.id,
    key: e.key,
    name: e.name,
    color: e.color,
    sortOrder: e.sortOrder,
    protected: e.protected,
    version: e.version,
    archived: e.archivedAt !== null,
  };
}

/** What a revision records of an environment's settings. */
export function environmentRecord(e: EnvironmentEntity) {
  return {
    key: e.key,
    name: e.name,
    color: e.color,
    sortOrder: e.sortOrder,
    protected: e.protected,
    archived: e.archivedAt !== null,
  };
}

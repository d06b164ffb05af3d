import type { Repository, SelectQueryBuilder } from 'typeorm';
import { toPage, type Page } from '../graphql/connection.js';
import type { ReleaseReadScope } from './applications.service.js';
import { uuidCursor } from './uuid-cursor.js';

/**
 * A page of `q`'s rows, newest first by (`timeColumn`, id), after the row an `after` cursor
 * names. `table` is the rows' table: the cursor's row is looked up there, so the comparison uses
 * its exact time and no timestamp loses precision in a cursor.
 */
export async function newestFirstPage<E extends { id: string }>(
  q: SelectQueryBuilder<E>,
  table: string,
  timeColumn: string,
  size: number,
  after: string | null | undefined,
): Promise<Page<E>> {
  const from = uuidCursor(after);
  const row = q.alias;
  q.orderBy(`${row}.${timeColumn}`, 'DESC')
    .addOrderBy(`${row}.id`, 'DESC')
    .limit(size + 1);
  if (from !== undefined) {
    q.andWhere(
      `(${row}.${timeColumn}, ${row}.id) < (SELECT ${timeColumn}, id FROM ${table} WHERE id = :from)`,
      {
        from,
      },
    );
  }
  return toPage(await q.getMany(), size, (r) => r.id);
}

/** The records of an environment (of one application, if the scope names one), newest first, as views. */
export async function environmentRecordsPage<E extends { id: string; applicationId: string }, V>(
  records: Repository<E>,
  timeColumn: string,
  scope: Pick<ReleaseReadScope, 'environment' | 'applications' | 'only'>,
  page: { size: number; after?: string | null },
  view: (record: E, applicationKey: string, environmentKey: string) => V,
): Promise<Page<V>> {
  const q = records
    .createQueryBuilder('r')
    .where('r.environment_id = :environmentId', { environmentId: scope.environment.id });
  if (scope.only) q.andWhere('r.application_id = :applicationId', { applicationId: scope.only.id });
  const found = await newestFirstPage(q, records.metadata.tableName, timeColumn, page.size, page.after);
  const { environment, applications } = scope;
  return {
    ...found,
    nodes: found.nodes.map((r) => view(r, applications.get(r.applicationId)!.key, environment.key)),
  };
}

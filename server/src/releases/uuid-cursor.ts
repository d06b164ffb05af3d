import { InvalidInputError } from '../errors/invalid-input-error.js';
import { decodeCursor } from '../graphql/connection.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The row id an `after` cursor names; a cursor of another list is refused. */
export function uuidCursor(after: string | null | undefined): string | undefined {
  const id = decodeCursor<string>(after, 'string');
  if (id !== undefined && !UUID.test(id)) {
    throw InvalidInputError.at('/after', 'INVALID_CURSOR', 'after is not a cursor from this list');
  }
  return id;
}

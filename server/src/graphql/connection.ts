import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { InvalidInputError } from '../errors/invalid-input-error.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor!: string | null;
}

/** `first` and `after` of every list; `after` is an opaque cursor from `pageInfo.endCursor`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `1 to ${MAX_PAGE_SIZE}` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** A GraphQL connection type for `node`: `{ nodes, pageInfo }`. */
export function Connection<T>(node: Type<T>): Type<Page<T>> {
  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements Page<T> {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType as unknown as Type<Page<T>>;
}

/** The page size asked for, checked. */
export function pageSize(args: PageArgs): number {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw InvalidInputError.at('/first', 'OUT_OF_RANGE', `first is 1 to ${MAX_PAGE_SIZE}`);
  }
  return args.first;
}

export function encodeCursor(position: string | number): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor names, of the type the list is ordered by; a foreign cursor is refused. */
export function decodeCursor<T extends string | number>(
  cursor: string | null | undefined,
  type: 'string' | 'number',
): T | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === type) return value as T;
  } catch {
    // reported below
  }
  throw InvalidInputError.at('/after', 'INVALID_CURSOR', 'after is not a cursor from this list');
}

/**
 * Builds a page from `rows` read with a limit of `size + 1`: the extra row only tells that
 * another page exists.
 */
export function toPage<T>(rows: T[], size: number, position: (row: T) => string | number): Page<T> {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last === undefined ? null : encodeCursor(position(last)),
    },
  };
}

import type { FlagKind } from '@flagstaff/sdk-core';
import { registerEnumType } from '@nestjs/graphql';

/** The GraphQL enum of sdk-core's `FlagKind`: capitals in GraphQL, the stored strings in code. */
export const FlagKindEnum = {
  BOOLEAN: 'boolean',
  STRING: 'string',
  NUMBER: 'number',
  JSON: 'json',
} as const satisfies Record<string, FlagKind>;

registerEnumType(FlagKindEnum, {
  name: 'FlagKind',
  description: 'What a flag serves; fixed when the flag is created.',
});

import { registerEnumType } from '@nestjs/graphql';

/** sdk-core's ConfigType as a GraphQL enum; its values are sdk-core's strings (STRING → 'string'). */
export enum GraphQLConfigType {
  STRING = 'string',
  NUMBER = 'number',
  BOOLEAN = 'boolean',
  JSON = 'json',
}

registerEnumType(GraphQLConfigType, { name: 'ConfigType', description: 'What a configuration value is.' });

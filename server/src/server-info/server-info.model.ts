import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What this server is and what it runs on.' })
export class ServerInfo {
  @Field({ description: 'Flagstaff version.' })
  version!: string;

  @Field({ description: '"postgres", or "pglite" for the embedded database.' })
  storage!: string;

  @Field({ description: '"redis", or "memory" for the in-process bus (one instance only).' })
  bus!: string;
}

import { Field, InputType } from '@nestjs/graphql';
import type { AdminRole } from '../../auth/token-secret.js';
import { SdkKeyKindEnum, TokenRoleEnum, type SdkKeyKind } from '../token-enums.js';

@InputType()
export class CreateAdminTokenInput {
  @Field({ description: '1 to 200 characters, e.g. who or what uses it.' })
  name!: string;

  @Field(() => TokenRoleEnum)
  role!: AdminRole;
}

@InputType()
export class CreateSdkKeyInput {
  @Field({ description: '1 to 200 characters, e.g. the application that uses it.' })
  name!: string;

  @Field(() => SdkKeyKindEnum)
  kind!: SdkKeyKind;
}

@InputType()
export class CreatePipelineTokenInput {
  @Field({ description: '1 to 200 characters, e.g. the pipeline that uses it.' })
  name!: string;

  @Field({
    defaultValue: false,
    description:
      'Also make a signing secret (returned once as signingSecret): every hook call with this token must then carry a valid X-Flagstaff-Signature.',
  })
  requireSignature!: boolean;
}

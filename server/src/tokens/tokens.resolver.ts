import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { TokenKind } from '../auth/token-secret.js';
import { CreatedTokenModel } from './created-token.model.js';
import { CreateAdminTokenInput, CreatePipelineTokenInput, CreateSdkKeyInput } from './dto/token.inputs.js';
import { TokenKindEnum } from './token-enums.js';
import { TokenModel } from './token.model.js';
import { PipelineSigningSecrets } from './pipeline-signing-secrets.js';
import { TokensService } from './tokens.service.js';
import { REASON_ARG } from '../graphql/reason-arg.js';

@Resolver(() => TokenModel)
export class TokensResolver {
  constructor(
    private readonly tokens: TokensService,
    private readonly signingSecrets: PipelineSigningSecrets,
  ) {}

  @Query(() => [TokenModel], {
    name: 'tokens',
    description: "A project's tokens and SDK keys, newest first: prefixes only, never secrets. Any role.",
  })
  list(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('kind', { type: () => TokenKindEnum, nullable: true }) kind: TokenKind | null | undefined,
    @Args('includeRevoked', { defaultValue: false }) includeRevoked: boolean,
  ): Promise<TokenModel[]> {
    return this.tokens.list(actor, project, { kind, includeRevoked });
  }

  @Mutation(() => CreatedTokenModel, {
    description: 'An admin token of this project. Needs the owner role; the secret is shown once.',
  })
  createAdminToken(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('input') input: CreateAdminTokenInput,
  ): Promise<CreatedTokenModel> {
    return this.tokens.createAdminToken(actor, project, input);
  }

  @Mutation(() => CreatedTokenModel, {
    description: 'An SDK key of one environment. Needs the owner role; the secret is shown once.',
  })
  createSdkKey(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('input') input: CreateSdkKeyInput,
  ): Promise<CreatedTokenModel> {
    return this.tokens.createSdkKey(actor, project, environment, input);
  }

  @Mutation(() => CreatedTokenModel, {
    description:
      'A token for the release hooks of CI/CD pipelines. Needs the owner role; the secret (and signing secret) is shown once.',
  })
  createPipelineToken(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('input') input: CreatePipelineTokenInput,
  ): Promise<CreatedTokenModel> {
    return this.tokens.createPipelineToken(actor, project, input);
  }

  @ResolveField(() => Boolean, {
    description: 'Pipeline tokens: whether every hook call must carry a valid X-Flagstaff-Signature.',
  })
  async requiresSignature(@Parent() token: TokenModel): Promise<boolean> {
    return token.kind === 'pipeline' && (await this.signingSecrets.exists(token.id));
  }

  @Mutation(() => TokenModel, {
    description:
      'Admin and pipeline tokens are refused from their next request on, SDK keys within 5 s (open streams within 15 s). Needs the owner role; a token may revoke itself. Revoking a revoked token returns it unchanged.',
  })
  revokeToken(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<TokenModel> {
    return this.tokens.revoke(actor, project, id, reason);
  }
}

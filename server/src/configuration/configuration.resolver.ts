import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ConfigEntryModel } from './config-entry.model.js';
import { configEntryView } from './config-entry-view.js';
import { ConfigurationService } from './configuration.service.js';
import { ConfigEntryInput, SecretInput } from './dto/config-entry.inputs.js';
import { REASON_ARG } from '../graphql/reason-arg.js';

const EXPECTED_VERSION = {
  type: () => Int,
  nullable: true,
  description:
    'Left out or null: create the entry. A number: update the entry, which must be at that version.',
} as const;

@Resolver(() => ConfigEntryModel)
export class ConfigurationResolver {
  constructor(private readonly service: ConfigurationService) {}

  @Query(() => [ConfigEntryModel], { description: "An environment's configuration by key; secrets masked." })
  async configEntries(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
  ): Promise<ConfigEntryModel[]> {
    return (await this.service.list(actor, project, environment)).map(configEntryView);
  }

  @Mutation(() => ConfigEntryModel, {
    description:
      'Creates or updates a plain entry. Needs the editor role; the owner role and a reason in a protected environment.',
  })
  async setConfigEntry(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('input') input: ConfigEntryInput,
    @Args('expectedVersion', EXPECTED_VERSION) expectedVersion?: number | null,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<ConfigEntryModel> {
    return configEntryView(
      await this.service.set(actor, project, environment, input, expectedVersion, reason),
    );
  }

  @Mutation(() => ConfigEntryModel, {
    description:
      'Creates or updates a secret (a STRING, encrypted at rest, never client-side, never returned). ' +
      'BAD_USER_INPUT with SECRETS_DISABLED when the server has no FLAGSTAFF_SECRET_KEY.',
  })
  async setSecret(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('input') input: SecretInput,
    @Args('expectedVersion', EXPECTED_VERSION) expectedVersion?: number | null,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<ConfigEntryModel> {
    return configEntryView(
      await this.service.setSecret(actor, project, environment, input, expectedVersion, reason),
    );
  }

  @Mutation(() => Boolean)
  async deleteConfigEntry(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('key') key: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<boolean> {
    await this.service.delete(actor, project, environment, key, expectedVersion, reason);
    return true;
  }
}

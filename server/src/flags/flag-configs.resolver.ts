import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { FlagConfigInput } from './dto/flag-config.input.js';
import { FlagConfigCopyPreviewModel } from './flag-config-copy-preview.model.js';
import { FlagConfigModel } from './flag-config.model.js';
import { FlagConfigsService, type FlagConfigState } from './flag-configs.service.js';
import { flagConfigView } from './flag-view.js';

import { REASON_ARG } from '../graphql/reason-arg.js';
const view = (s: FlagConfigState) => flagConfigView(s.flag, s.environment, s.row);

@Resolver(() => FlagConfigModel)
export class FlagConfigsResolver {
  constructor(private readonly configs: FlagConfigsService) {}

  @Mutation(() => FlagConfigModel, {
    description:
      "Needs the editor role (owner and a reason in protected environments). Replaces the flag's configuration in one environment; expectedVersion is that configuration's version (0 when never edited).",
  })
  async updateFlagConfig(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('flag') flag: string,
    @Args('input') input: FlagConfigInput,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagConfigModel> {
    return view(await this.configs.update(actor, project, environment, flag, input, expectedVersion, reason));
  }

  @Mutation(() => FlagConfigModel, {
    description: 'Turns a flag on or off in one environment; like updateFlagConfig.',
  })
  async setFlagEnabled(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('flag') flag: string,
    @Args('enabled') enabled: boolean,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagConfigModel> {
    return view(
      await this.configs.setEnabled(actor, project, environment, flag, enabled, expectedVersion, reason),
    );
  }

  @Mutation(() => FlagConfigModel, {
    description:
      "Makes the flag's configuration in `to` the one in `from` (promote staging → production), validated against the flags of `to`. expectedVersion is the version of the configuration in `to`; see flagConfigCopyPreview.",
  })
  async copyFlagConfig(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('flag') flag: string,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagConfigModel> {
    return view(await this.configs.copy(actor, project, flag, from, to, expectedVersion, reason));
  }

  @Query(() => FlagConfigCopyPreviewModel, {
    description: 'What copyFlagConfig with these arguments would change.',
  })
  flagConfigCopyPreview(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('flag') flag: string,
    @Args('from') from: string,
    @Args('to') to: string,
  ): Promise<FlagConfigCopyPreviewModel> {
    return this.configs.copyPreview(actor, project, flag, from, to);
  }
}

import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { FlagConfigInput } from '../flags/dto/flag-config.input.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { FlagEvaluationModel } from './flag-evaluation.model.js';
import { PreviewService } from './preview.service.js';

@Resolver(() => FlagEvaluationModel)
export class PreviewResolver {
  constructor(private readonly preview: PreviewService) {}

  @Query(() => FlagEvaluationModel, {
    description:
      'Evaluates a flag for a context as SDKs in that environment would, and explains which target, rule or bucket decided. With `draft`, evaluates that unsaved configuration instead of the stored one.',
  })
  evaluateFlag(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('flag') flag: string,
    @Args('context', {
      type: () => JsonScalar,
      description: 'e.g. {"targetingKey": "user-1", "country": "NZ"}',
    })
    context: unknown,
    @Args('draft', { type: () => FlagConfigInput, nullable: true }) draft?: FlagConfigInput | null,
  ): Promise<FlagEvaluationModel> {
    return this.preview.evaluate(actor, project, environment, flag, context, draft);
  }
}

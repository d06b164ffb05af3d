import { withSegmentRules } from './dto/segment-rule.input.js';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageArgs, pageSize } from '../graphql/connection.js';
import { CreateSegmentInput, UpdateSegmentInput } from './dto/segment.inputs.js';
import { SegmentConnection, SegmentKeyConnection, SegmentModel } from './segment.model.js';
import { SegmentKeyList } from './segment-key-list.js';
import { segmentView } from './segment-view.js';
import { DEFAULT_KEY_PAGE, MAX_KEY_PAGE, SegmentsService } from './segments.service.js';
import { REASON_ARG } from '../graphql/reason-arg.js';

@Resolver(() => SegmentModel)
export class SegmentsResolver {
  constructor(private readonly service: SegmentsService) {}

  @Query(() => SegmentConnection, { description: "A project's segments by key." })
  async segments(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args() page: PageArgs,
    @Args('search', { type: () => String, nullable: true, description: 'Part of the key or name, any case.' })
    search?: string | null,
  ): Promise<SegmentConnection> {
    const size = pageSize(page);
    const found = await this.service.list(actor, project, size, page.after, search);
    return { ...found, nodes: found.nodes.map(segmentView) };
  }

  @Query(() => SegmentModel)
  async segment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('key') key: string,
  ): Promise<SegmentModel> {
    return segmentView(await this.service.get(actor, project, key));
  }

  @ResolveField(() => SegmentKeyConnection, {
    description: `A page of one key list in code point order (${MAX_KEY_PAGE} keys at most per page).`,
  })
  keys(
    @Parent() segment: SegmentModel,
    @Args('list', { type: () => SegmentKeyList }) list: SegmentKeyList,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_KEY_PAGE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('search', { type: () => String, nullable: true, description: 'Part of the key, any case.' })
    search?: string | null,
  ): Promise<SegmentKeyConnection> {
    return this.service.keys(segment, list, first, after, search);
  }

  @Mutation(() => SegmentModel, { description: 'Needs the editor role.' })
  async createSegment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('input') input: CreateSegmentInput,
  ): Promise<SegmentModel> {
    return segmentView(await this.service.create(actor, project, withSegmentRules(input)));
  }

  @Mutation(() => SegmentModel, { description: 'Needs the editor role.' })
  async updateSegment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('segment') segment: string,
    @Args('input') input: UpdateSegmentInput,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<SegmentModel> {
    return segmentView(
      await this.service.update(actor, project, segment, withSegmentRules(input), expectedVersion, reason),
    );
  }

  @Mutation(() => SegmentModel, {
    description: 'Adds keys to one list (up to 100,000 in all); keys it holds already are left alone.',
  })
  async addSegmentKeys(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('segment') segment: string,
    @Args('list', { type: () => SegmentKeyList }) list: SegmentKeyList,
    @Args('keys', { type: () => [String] }) keys: string[],
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<SegmentModel> {
    return segmentView(
      await this.service.addKeys(actor, project, segment, list, keys, expectedVersion, reason),
    );
  }

  @Mutation(() => SegmentModel, {
    description: 'Removes keys from one list; keys it does not hold are ignored.',
  })
  async removeSegmentKeys(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('segment') segment: string,
    @Args('list', { type: () => SegmentKeyList }) list: SegmentKeyList,
    @Args('keys', { type: () => [String] }) keys: string[],
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<SegmentModel> {
    return segmentView(
      await this.service.removeKeys(actor, project, segment, list, keys, expectedVersion, reason),
    );
  }

  @Mutation(() => Boolean, {
    description: 'Refused (BAD_USER_INPUT, SEGMENT_IN_USE) while a flag rule in any environment uses it.',
  })
  async deleteSegment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('segment') segment: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<boolean> {
    await this.service.delete(actor, project, segment, expectedVersion, reason);
    return true;
  }
}

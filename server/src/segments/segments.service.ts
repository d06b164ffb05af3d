import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { ChangeWriter } from '../changes/change-writer.js';
import { AlreadyExistsError } from '../errors/already-exists-error.js';
import { InvalidInputError, type InputProblem } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { VersionConflictError } from '../errors/version-conflict-error.js';
import { decodeCursor, toPage, type Page } from '../graphql/connection.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { ENTITY_KEY, InputChecks, isUniqueViolation } from '../validation/input-checks.js';
import type { WithSegmentRules } from './dto/segment-rule.input.js';
import type { CreateSegmentInput, UpdateSegmentInput } from './dto/segment.inputs.js';
import { checkFields, checkListArgument, checkWhole } from './segment-checks.js';
import { SegmentEntity } from './segment.entity.js';
import {
  checkDisjoint,
  checkKeyList,
  checkListSize,
  keyListChange,
  mergeSorted,
  type SegmentKeyListName,
} from './segment-key-lists.js';
import { segmentRecord, type SegmentKeyChanges } from './segment-record.js';
import type { SegmentSummary } from './segment-summary.js';
import { SegmentsRepository, type SegmentUse } from './segments.repository.js';

export const MAX_SEARCH_LENGTH = 256;
export const DEFAULT_KEY_PAGE = 100;
export const MAX_KEY_PAGE = 1000;

/** What a segment edit may set; the key lists sorted and unique. */
type SegmentState = Pick<SegmentEntity, 'name' | 'description' | 'rules' | 'salt' | 'included' | 'excluded'>;

const LISTS: readonly SegmentKeyListName[] = ['included', 'excluded'];
const other = (list: SegmentKeyListName): SegmentKeyListName =>
  list === 'included' ? 'excluded' : 'included';

/** Segments of a project: audiences (key lists and rules) that flag rules match with segmentMatch. */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly lookup: ProjectLookup,
    private readonly writer: ChangeWriter,
    private readonly segments: SegmentsRepository,
  ) {}

  async list(
    actor: Actor,
    projectKey: string,
    size: number,
    after?: string | null,
    search?: string | null,
  ): Promise<Page<SegmentSummary>> {
    const project = await this.lookup.project(actor, projectKey);
    new InputChecks().text('/search', search, MAX_SEARCH_LENGTH).done();
    const rows = await this.segments.page(project.id, {
      after: decodeCursor<string>(after, 'string'),
      search,
      limit: size + 1,
    });
    return toPage(rows, size, (s) => s.key);
  }

  async get(actor: Actor, projectKey: string, key: string): Promise<SegmentSummary> {
    const project = await this.lookup.project(actor, projectKey);
    const segment = await this.segments.summary(project.id, key);
    if (!segment) throw new NotFoundError(`segment ${key}`);
    return segment;
  }

  /** A page of one key list of a segment the caller has already resolved (and so may see). */
  async keys(
    segment: Pick<SegmentSummary, 'id'>,
    list: SegmentKeyListName,
    first: number,
    after?: string | null,
    search?: string | null,
  ): Promise<Page<string>> {
    new InputChecks()
      .integer('/first', first, 1, MAX_KEY_PAGE)
      .text('/search', search, MAX_SEARCH_LENGTH)
      .done();
    const keys = await this.segments.keys(segment.id, list, {
      after: decodeCursor<string>(after, 'string'),
      search,
      limit: first + 1,
    });
    return toPage(keys, first, (k) => k);
  }

  async create(
    actor: Actor,
    projectKey: string,
    input: WithSegmentRules<CreateSegmentInput>,
  ): Promise<SegmentSummary> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', 'create a segment');
    const checks = checkFields(new InputChecks().key('/key', input.key, ENTITY_KEY), input);
    const problems: InputProblem[] = [];
    const included = checkKeyList('/included', input.included ?? [], problems);
    const excluded = checkKeyList('/excluded', input.excluded ?? [], problems);
    checkListSize('/included', included.length, problems);
    checkListSize('/excluded', excluded.length, problems);
    checkDisjoint('/excluded', input.excluded ?? [], new Set(included), 'included', problems);
    checks.addAll(problems).done();

    const now = new Date();
    const segment: SegmentEntity = {
      id: randomUUID(),
      projectId: project.id,
      key: input.key,
      name: input.name.trim(),
      description: input.description ?? '',
      included,
      excluded,
      rules: input.rules ?? [],
      salt: input.salt ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    checkWhole(segment);
    try {
      await this.writer.write(
        actor,
        { projectId: project.id },
        { action: 'create a segment' },
        async (tx) => {
          if (await this.segments.summary(project.id, segment.key, tx.manager)) {
            throw new AlreadyExistsError(`segment ${segment.key}`);
          }
          await this.segments.insert(tx.manager, segment);
          const keyChanges = changesOf({ included: [], excluded: [] }, segment);
          tx.record({
            entityType: 'segment',
            entityKey: segment.key,
            action: 'create',
            before: null,
            after: segmentRecord(summaryOf(segment), keyChanges),
            environmentId: null,
            snapshotPart: 'segment',
          });
        },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExistsError(`segment ${segment.key}`);
      throw error;
    }
    return summaryOf(segment);
  }

  async update(
    actor: Actor,
    projectKey: string,
    key: string,
    input: WithSegmentRules<UpdateSegmentInput>,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<SegmentSummary> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', 'change a segment');
    const problems: InputProblem[] = [];
    const given: Partial<Record<SegmentKeyListName, string[]>> = {};
    for (const list of LISTS) {
      const raw = input[list];
      if (raw === undefined || raw === null) continue;
      given[list] = checkKeyList(`/${list}`, raw, problems);
      checkListSize(`/${list}`, given[list].length, problems);
    }
    if (given.included && input.excluded) {
      checkDisjoint('/excluded', input.excluded, new Set(given.included), 'included', problems);
    }
    checkFields(new InputChecks(), input).addAll(problems).done();

    return this.edit(actor, project, key, expectedVersion, reason, (current) => {
      const clashes: InputProblem[] = [];
      for (const list of LISTS) {
        const raw = input[list];
        // A list given alone must keep clear of the stored other list.
        if (raw && !given[other(list)]) {
          checkDisjoint(`/${list}`, raw, new Set(current[other(list)]), other(list), clashes);
        }
      }
      if (clashes.length > 0) throw new InvalidInputError(clashes);
      return {
        name: input.name?.trim() ?? current.name,
        description: input.description ?? current.description,
        rules: input.rules ?? current.rules,
        salt: input.salt === undefined ? current.salt : input.salt,
        included: given.included ?? current.included,
        excluded: given.excluded ?? current.excluded,
      };
    });
  }

  /** Adds keys to one list; keys it already holds are left as they are. */
  async addKeys(
    actor: Actor,
    projectKey: string,
    key: string,
    list: SegmentKeyListName,
    keys: readonly string[],
    expectedVersion: number,
    reason?: string | null,
  ): Promise<SegmentSummary> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', 'change a segment');
    const adding = checkListArgument(keys);
    return this.edit(actor, project, key, expectedVersion, reason, (current) => {
      const problems: InputProblem[] = [];
      checkDisjoint('/keys', keys, new Set(current[other(list)]), other(list), problems);
      const merged = mergeSorted(current[list], adding);
      checkListSize('/keys', merged.length, problems);
      if (problems.length > 0) throw new InvalidInputError(problems);
      return { ...current, [list]: merged };
    });
  }

  /** Removes keys from one list; keys it does not hold are ignored. */
  async removeKeys(
    actor: Actor,
    projectKey: string,
    key: string,
    list: SegmentKeyListName,
    keys: readonly string[],
    expectedVersion: number,
    reason?: string | null,
  ): Promise<SegmentSummary> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', 'change a segment');
    const removing = new Set(checkListArgument(keys));
    return this.edit(actor, project, key, expectedVersion, reason, (current) => ({
      ...current,
      [list]: current[list].filter((k) => !removing.has(k)),
    }));
  }

  /** Refused while a flag rule of any environment matches the segment. */
  async delete(
    actor: Actor,
    projectKey: string,
    key: string,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<void> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', 'delete a segment');
    await this.writer.write(
      actor,
      { projectId: project.id },
      { action: `delete segment ${key}`, reason },
      async (tx) => {
        const current = await this.segments.find(tx.manager, project.id, key);
        if (!current) throw new NotFoundError(`segment ${key}`);
        VersionConflictError.check(`segment ${key}`, expectedVersion, current.version);
        // This write holds every environment of the project, so no flag configuration can start using it now.
        const uses = await this.segments.usesOf(tx.manager, project.id, key);
        if (uses.length > 0) {
          throw InvalidInputError.at(
            '/segment',
            'SEGMENT_IN_USE',
            `segment ${key} is used by ${describeUses(uses)}; remove it from those rules first`,
          );
        }
        await this.segments.delete(tx.manager, current.id);
        tx.record({
          entityType: 'segment',
          entityKey: key,
          action: 'delete',
          before: segmentRecord(summaryOf(current)),
          after: null,
          environmentId: null,
          snapshotPart: 'segment',
        });
      },
    );
  }

  /**
   * One edit of a stored segment: checks the version it was based on, applies `next` (which may
   * refuse what the stored state makes invalid), and writes and records only what changed.
   */
  private async edit(
    actor: Actor,
    project: ProjectEntity,
    key: string,
    expectedVersion: number,
    reason: string | null | undefined,
    next: (current: SegmentEntity) => SegmentState,
  ): Promise<SegmentSummary> {
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id },
      { action: `change segment ${key}`, reason },
      async (tx) => {
        const current = await this.segments.find(tx.manager, project.id, key);
        if (!current) throw new NotFoundError(`segment ${key}`);
        VersionConflictError.check(`segment ${key}`, expectedVersion, current.version);
        const state = next(current);
        const updated: SegmentEntity = { ...current, ...state };
        checkWhole(updated);
        const keyChanges = changesOf(current, updated);
        const before = segmentRecord(summaryOf(current));
        if (!keyChanges && isDeepStrictEqual(before, segmentRecord(summaryOf(updated)))) {
          return summaryOf(current);
        }
        updated.version = current.version + 1;
        updated.updatedAt = new Date();
        const { included, excluded, ...fields } = state;
        await this.segments.update(tx.manager, current.id, {
          ...fields,
          // A list is rewritten only when it changed: a rename must not copy 100,000 keys.
          ...(keyChanges?.included ? { included } : {}),
          ...(keyChanges?.excluded ? { excluded } : {}),
          version: updated.version,
          updatedAt: updated.updatedAt,
        });
        tx.record({
          entityType: 'segment',
          entityKey: key,
          action: 'update',
          before,
          after: segmentRecord(summaryOf(updated), keyChanges),
          environmentId: null,
          snapshotPart: 'segment',
        });
        return summaryOf(updated);
      },
    );
    return value;
  }
}

function changesOf(
  before: Pick<SegmentEntity, SegmentKeyListName>,
  after: Pick<SegmentEntity, SegmentKeyListName>,
): SegmentKeyChanges | undefined {
  const changes: SegmentKeyChanges = {};
  for (const list of LISTS) {
    if (before[list] === after[list]) continue;
    const change = keyListChange(before[list], after[list]);
    if (change) changes[list] = change;
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

function summaryOf(segment: SegmentEntity): SegmentSummary {
  const { included, excluded, ...rest } = segment;
  return { ...rest, includedCount: included.length, excludedCount: excluded.length };
}

function describeUses(uses: readonly SegmentUse[]): string {
  const byFlag = new Map<string, string[]>();
  for (const use of uses) byFlag.set(use.flag, [...(byFlag.get(use.flag) ?? []), use.environment]);
  return [...byFlag].map(([flag, environments]) => `flag ${flag} (${environments.join(', ')})`).join(', ');
}

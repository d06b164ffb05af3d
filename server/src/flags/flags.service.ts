import { Injectable } from '@nestjs/common';
import { validateFlag, type FlagKind, type Variation } from '@flagstaff/sdk-core';
import { randomUUID } from 'node:crypto';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { ChangeWriter, type WriteTransaction } from '../changes/change-writer.js';
import { AlreadyExistsError } from '../errors/already-exists-error.js';
import { InvalidInputError, type InputProblem } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { VersionConflictError } from '../errors/version-conflict-error.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { diffJson } from '../revisions/json-diff.js';
import { ENTITY_KEY, InputChecks, isUniqueViolation } from '../validation/input-checks.js';
import type { CreateFlagInput, UpdateFlagInput } from './dto/flag.inputs.js';
import { booleanVariation, newFlagConfig } from './flag-config-record.js';
import { checkDefinitionInput, normaliseTags, variationsFromInput } from './flag-definition.js';
import { flagRecord } from './flag-record.js';
import { FlagEntity } from './flag.entity.js';
import { FlagRepository } from './flag.repository.js';
import { FlagValidator, mergeProblems } from './flag-validator.js';
import { sdkFlag } from './sdk-flag.js';

type DefinitionAction = 'update' | 'archive' | 'unarchive' | 'restore';

/** The project-wide definition of flags: create (with a configuration in every environment), edit, archive. */
@Injectable()
export class FlagsService {
  constructor(
    private readonly lookup: ProjectLookup,
    private readonly writer: ChangeWriter,
    private readonly repository: FlagRepository,
    private readonly validator: FlagValidator,
  ) {}

  async create(
    actor: Actor,
    projectKey: string,
    input: CreateFlagInput,
    reason?: string | null,
  ): Promise<FlagEntity> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', 'create a flag');
    const { flag, config } = draftFlag(project.id, input);
    try {
      const { value } = await this.writer.write(
        actor,
        { projectId: project.id },
        { action: `create flag ${flag.key}`, reason },
        async (tx) => {
          // Archived flags keep their key: SDK code may still name it.
          if (await this.repository.findByKey(tx.manager, project.id, flag.key)) {
            throw new AlreadyExistsError(`flag ${flag.key}`);
          }
          const environments = await this.lookup.environments(project.id, tx.manager);
          await this.repository.insertFlag(tx.manager, flag);
          await this.repository.insertConfigs(
            tx.manager,
            flag.id,
            environments.map((e) => e.id),
            config,
          );
          const created = await tx.manager.findOneByOrFail(FlagEntity, { id: flag.id });
          tx.record({
            entityType: 'flag',
            entityKey: flag.key,
            action: 'create',
            before: null,
            after: flagRecord(created),
            environmentId: null,
            snapshotPart: 'flag',
          });
          for (const e of environments) {
            tx.record({
              entityType: 'flagConfig',
              entityKey: flag.key,
              action: 'create',
              before: null,
              after: config,
              environmentId: e.id,
              snapshotPart: 'flag',
            });
          }
          return created;
        },
      );
      return value;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExistsError(`flag ${flag.key}`);
      throw error;
    }
  }

  async update(
    actor: Actor,
    projectKey: string,
    flagKey: string,
    input: UpdateFlagInput,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<FlagEntity> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', `change flag ${flagKey}`);
    return this.edit(actor, project, flagKey, input, expectedVersion, reason, 'update');
  }

  /** Puts back the definition a revision recorded (not its archived state), as a new revision. */
  restore(
    actor: Actor,
    project: ProjectEntity,
    flagKey: string,
    recorded: Record<string, unknown>,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<FlagEntity> {
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const input: UpdateFlagInput = {
      name: text(recorded.name),
      description: text(recorded.description),
      owner: text(recorded.owner),
      tags: Array.isArray(recorded.tags) ? (recorded.tags as string[]) : [],
      temporary: recorded.temporary === true,
      clientSide: recorded.clientSide === true,
      metadata: recorded.metadata ?? {},
      variations: Array.isArray(recorded.variations) ? (recorded.variations as Variation[]) : [],
    };
    return this.edit(actor, project, flagKey, input, expectedVersion, reason, 'restore', recorded.kind);
  }

  async setArchived(
    actor: Actor,
    projectKey: string,
    flagKey: string,
    archived: boolean,
    expectedVersion: number | null,
    reason?: string | null,
  ): Promise<FlagEntity> {
    const project = await this.lookup.project(actor, projectKey);
    const action = archived ? 'archive' : 'unarchive';
    requireRole(actor, 'editor', `${action} flag ${flagKey}`);
    return this.change(actor, project, flagKey, expectedVersion, reason, action, async (tx, flag) => {
      if ((flag.archivedAt !== null) === archived) return {};
      const problems = archived
        ? await this.dependentProblems(tx, flag)
        : await this.archivedPrerequisiteProblems(tx, flag);
      if (problems.length > 0) throw new InvalidInputError(problems);
      return { archivedAt: archived ? new Date() : null };
    });
  }

  private edit(
    actor: Actor,
    project: ProjectEntity,
    flagKey: string,
    input: UpdateFlagInput,
    expectedVersion: number,
    reason: string | null | undefined,
    action: 'update' | 'restore',
    recordedKind?: unknown,
  ): Promise<FlagEntity> {
    const inputProblems = [...checkDefinitionInput(new InputChecks(), input).problems];
    return this.change(actor, project, flagKey, expectedVersion, reason, action, async (tx, flag) => {
      refuseArchived(flag);
      if (recordedKind !== undefined && recordedKind !== flag.kind) {
        throw InvalidInputError.at(
          '/revision',
          'KIND_MISMATCH',
          `the revision is of a ${String(recordedKind)} flag`,
        );
      }
      const change: Partial<FlagEntity> = {};
      if (input.name != null) change.name = input.name.trim();
      if (input.description != null) change.description = input.description;
      if (input.owner != null) change.owner = input.owner.trim() === '' ? null : input.owner.trim();
      if (input.tags != null) change.tags = normaliseTags(input.tags);
      if (input.temporary != null) change.temporary = input.temporary;
      if (input.clientSide != null) change.clientSide = input.clientSide;
      if (input.metadata != null) change.metadata = input.metadata as FlagEntity['metadata'];
      if (input.variations != null) change.variations = variationsFromInput(input.variations);
      const environments = await this.lookup.environments(project.id, tx.manager);
      const problems = mergeProblems(
        inputProblems,
        await this.validator.definitionProblems(tx.manager, environments, { ...flag, ...change }),
      );
      if (problems.length > 0) throw new InvalidInputError(problems);
      return change;
    });
  }

  /**
   * One change of a definition: checks by `apply` (which throws BAD_USER_INPUT), then the version
   * the edit was based on, then the write and its revision. A change that changes nothing writes nothing.
   */
  private async change(
    actor: Actor,
    project: ProjectEntity,
    flagKey: string,
    expectedVersion: number | null,
    reason: string | null | undefined,
    action: DefinitionAction,
    apply: (tx: WriteTransaction, flag: FlagEntity) => Promise<Partial<FlagEntity>>,
  ): Promise<FlagEntity> {
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id },
      { action: `${action} flag ${flagKey}`, reason },
      async (tx) => {
        const before = await this.repository.findByKey(tx.manager, project.id, flagKey);
        if (!before) throw new NotFoundError(`flag ${flagKey}`);
        const change = await apply(tx, before);
        if (expectedVersion !== null)
          VersionConflictError.check(`flag ${flagKey}`, expectedVersion, before.version);
        const after = { ...before, ...change };
        if (diffJson(flagRecord(before), flagRecord(after)).length === 0) return before;
        await this.repository.updateFlag(tx.manager, before, change);
        tx.record({
          entityType: 'flag',
          entityKey: before.key,
          action,
          before: flagRecord(before),
          after: flagRecord(after),
          environmentId: null,
          snapshotPart: 'flag',
        });
        return tx.manager.findOneByOrFail(FlagEntity, { id: before.id });
      },
    );
    return value;
  }

  /** An archived flag leaves the snapshots, so no active flag may still need it. */
  private async dependentProblems(tx: WriteTransaction, flag: FlagEntity): Promise<InputProblem[]> {
    const uses = await this.repository.prerequisiteUses(tx.manager, flag.projectId, flag.key);
    if (uses.length === 0) return [];
    const envKey = new Map(
      (await this.lookup.environments(flag.projectId, tx.manager)).map((e) => [e.id, e.key]),
    );
    const byFlag = new Map<string, string[]>();
    for (const use of uses) {
      byFlag.set(use.flag, [
        ...(byFlag.get(use.flag) ?? []),
        envKey.get(use.environmentId) ?? use.environmentId,
      ]);
    }
    return [...byFlag].map(([dependent, environments]) => ({
      path: '',
      code: 'PREREQUISITE_IN_USE',
      message: `flag ${dependent} has ${flag.key} as a prerequisite in ${environments.join(', ')}; remove it there first`,
    }));
  }

  /** Back in the snapshots, a flag's prerequisites must be active flags again. */
  private async archivedPrerequisiteProblems(
    tx: WriteTransaction,
    flag: FlagEntity,
  ): Promise<InputProblem[]> {
    const configs = await this.repository.configsOf(tx.manager, [flag.id]);
    const needed = new Set(configs.flatMap((c) => c.prerequisites.map((p) => p.flag)));
    if (needed.size === 0) return [];
    const found = await this.repository.findByKeys(tx.manager, flag.projectId, [...needed]);
    const active = new Set(found.filter((f) => f.archivedAt === null).map((f) => f.key));
    return [...needed]
      .filter((key) => !active.has(key))
      .map((key) => ({
        path: '',
        code: 'ARCHIVED_PREREQUISITE',
        message: `prerequisite flag ${key} is archived or gone; unarchive it or remove the prerequisite first`,
      }));
  }
}

function refuseArchived(flag: FlagEntity): void {
  if (flag.archivedAt !== null) {
    throw InvalidInputError.at(
      '',
      'FLAG_ARCHIVED',
      `flag ${flag.key} is archived; unarchive it to change it`,
    );
  }
}

/** A new flag and the configuration every environment starts with; every problem of the input at once. */
function draftFlag(
  projectId: string,
  input: CreateFlagInput,
): { flag: FlagEntity; config: ReturnType<typeof newFlagConfig> } {
  const checks = checkDefinitionInput(new InputChecks().key('/key', input.key, ENTITY_KEY), input);
  const kind: FlagKind = input.kind;
  const isBoolean = kind === 'boolean';
  let variations: Variation[] = [];
  if (input.variations != null) variations = variationsFromInput(input.variations);
  else if (isBoolean) {
    variations = [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ];
  } else checks.add('/variations', 'REQUIRED', `a ${kind} flag needs its variations`);
  const off = input.offVariation ?? (isBoolean ? booleanVariation(variations, false) : undefined);
  if (off === undefined) {
    checks.add('/offVariation', 'REQUIRED', 'name the variation served while the flag is disabled');
  }
  const on =
    input.fallthroughVariation ??
    (isBoolean ? booleanVariation(variations, true) : undefined) ??
    variations[0]?.key;
  const flag: FlagEntity = {
    id: randomUUID(),
    projectId,
    key: input.key,
    name: input.name.trim(),
    description: input.description ?? '',
    kind,
    variations,
    tags: normaliseTags(input.tags ?? []),
    owner: input.owner?.trim() ? input.owner.trim() : null,
    temporary: input.temporary ?? true,
    clientSide: input.clientSide ?? false,
    metadata: (input.metadata ?? {}) as FlagEntity['metadata'],
    version: 1,
    archivedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  const config = newFlagConfig(off ?? null, on ?? '');
  const judged = validateFlag(sdkFlag(flag, config)).flatMap((p) => {
    if (!p.path.startsWith('/fallthrough')) return [p];
    // A derived fallthrough is only wrong when the variations are, which is reported there.
    return input.fallthroughVariation == null ? [] : [{ ...p, path: '/fallthroughVariation' }];
  });
  const problems = mergeProblems([...checks.problems], judged);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { flag, config };
}

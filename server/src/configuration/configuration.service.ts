import type { ConfigType, JsonValue } from '@flagstaff/sdk-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource, EntityManager } from 'typeorm';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { ChangeWriter } from '../changes/change-writer.js';
import { AlreadyExistsError } from '../errors/already-exists-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { VersionConflictError } from '../errors/version-conflict-error.js';
import { ProjectLookup, type EnvironmentScope } from '../projects/project-lookup.js';
import { ENTITY_KEY, InputChecks, isUniqueViolation } from '../validation/input-checks.js';
import { ConfigEntryEntity } from './config-entry.entity.js';
import { configEntryRecord } from './config-entry-record.js';
import { checkConfigValue, checkSecretValue } from './config-value-checks.js';
import { ConfigSecrets } from './config-secrets.js';
import type { ConfigEntryInput, SecretInput } from './dto/config-entry.inputs.js';
import { SECRETS_DISABLED_MESSAGE } from './secrets-disabled-error.js';

/** Entries per environment: all of them travel in every snapshot, so the list stays small. */
export const MAX_CONFIG_ENTRIES = 1000;

/** What a write sets; the rest of the row (id, environment, key, version, times) follows from it. */
type EntryState = Pick<
  ConfigEntryEntity,
  'type' | 'value' | 'secret' | 'ciphertext' | 'keyId' | 'description' | 'clientSide'
>;

interface Put {
  readonly key: string;
  /** null or undefined: create; a number: update the entry at that version. */
  readonly expectedVersion: number | null | undefined;
  readonly reason: string | null | undefined;
  /** For the revision of a secret: whether this write sealed a new value. */
  readonly valueChanged: boolean;
  readonly next: (existing: ConfigEntryEntity | null) => EntryState;
}

/** Typed configuration values and secrets of an environment. */
@Injectable()
export class ConfigurationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly writer: ChangeWriter,
    private readonly secrets: ConfigSecrets,
  ) {}

  async list(actor: Actor, projectKey: string, environmentKey: string): Promise<ConfigEntryEntity[]> {
    const { environment } = await this.lookup.environment(actor, projectKey, environmentKey);
    return this.dataSource.getRepository(ConfigEntryEntity).find({
      where: { environmentId: environment.id },
      order: { key: 'ASC' },
    });
  }

  async set(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    input: ConfigEntryInput,
    expectedVersion: number | null | undefined,
    reason: string | null | undefined,
  ): Promise<ConfigEntryEntity> {
    const scope = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'editor', 'change configuration');
    const checks = commonChecks(input);
    checkConfigValue(checks, '/value', input.type, input.value);
    checks.done();
    const value = input.value as JsonValue;
    return this.put(actor, scope, {
      key: input.key,
      expectedVersion,
      reason,
      valueChanged: false,
      next: (existing) => {
        if (existing?.secret) {
          // Turning a secret into a plain value puts it in the log and in client snapshots: do it on purpose.
          throw InvalidInputError.at(
            '/key',
            'SECRET_ENTRY',
            `${input.key} is a secret: set it with setSecret, or delete it and create a plain entry`,
          );
        }
        return {
          type: input.type,
          value,
          secret: false,
          ciphertext: null,
          keyId: null,
          description: input.description ?? existing?.description ?? '',
          clientSide: input.clientSide ?? existing?.clientSide ?? false,
        };
      },
    });
  }

  /** A plain entry given to setSecret becomes a secret (its old value was never secret). */
  async setSecret(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    input: SecretInput,
    expectedVersion: number | null | undefined,
    reason: string | null | undefined,
  ): Promise<ConfigEntryEntity> {
    const scope = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'editor', 'change configuration');
    if (!this.secrets.enabled) throw InvalidInputError.at('', 'SECRETS_DISABLED', SECRETS_DISABLED_MESSAGE);
    const checks = commonChecks(input);
    checkSecretValue(checks, '/value', input.value);
    checks.done();
    const sealed = this.secrets.seal(input.value);
    return this.put(actor, scope, {
      key: input.key,
      expectedVersion,
      reason,
      valueChanged: true,
      next: (existing) => ({
        type: 'string' satisfies ConfigType,
        value: null,
        secret: true,
        ciphertext: sealed.ciphertext,
        keyId: sealed.keyId,
        description: input.description ?? existing?.description ?? '',
        clientSide: false,
      }),
    });
  }

  async delete(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    key: string,
    expectedVersion: number,
    reason: string | null | undefined,
  ): Promise<void> {
    const { project, environment } = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'editor', 'change configuration');
    await this.writer.write(
      actor,
      { projectId: project.id, environmentId: environment.id },
      { action: `delete config entry ${key} in ${environment.key}`, reason },
      async (tx) => {
        const existing = await findEntry(tx.manager, environment.id, key);
        if (!existing) throw new NotFoundError(`config entry ${key}`);
        VersionConflictError.check(`config entry ${key}`, expectedVersion, existing.version);
        await tx.manager.delete(ConfigEntryEntity, { id: existing.id });
        tx.record({
          entityType: 'config',
          entityKey: key,
          action: 'delete',
          before: configEntryRecord(existing),
          after: null,
          environmentId: environment.id,
          snapshotPart: 'config',
        });
      },
    );
  }

  /** Creates or updates one entry in one transaction with its environment locked. */
  private async put(
    actor: Actor,
    { project, environment }: EnvironmentScope,
    put: Put,
  ): Promise<ConfigEntryEntity> {
    const { key, expectedVersion } = put;
    try {
      const { value } = await this.writer.write(
        actor,
        { projectId: project.id, environmentId: environment.id },
        { action: `set config entry ${key} in ${environment.key}`, reason: put.reason },
        async (tx) => {
          const existing = await findEntry(tx.manager, environment.id, key);
          if (expectedVersion === null || expectedVersion === undefined) {
            if (existing) throw new AlreadyExistsError(`config entry ${key} in ${environment.key}`);
            const count = await tx.manager
              .createQueryBuilder(ConfigEntryEntity, 'c')
              .where('c.environment_id = :id', { id: environment.id })
              .getCount();
            if (count >= MAX_CONFIG_ENTRIES) {
              throw InvalidInputError.at(
                '/key',
                'TOO_MANY_ENTRIES',
                `${environment.key} has ${MAX_CONFIG_ENTRIES} configuration entries, the most it may have`,
              );
            }
          } else {
            if (!existing) throw new NotFoundError(`config entry ${key}`);
            VersionConflictError.check(`config entry ${key}`, expectedVersion, existing.version);
          }
          const state = put.next(existing);
          const now = new Date();
          const entry: ConfigEntryEntity = existing
            ? { ...existing, ...state, version: existing.version + 1, updatedAt: now }
            : {
                ...state,
                id: randomUUID(),
                environmentId: environment.id,
                key,
                version: 1,
                createdAt: now,
                updatedAt: now,
              };
          const before = existing && configEntryRecord(existing);
          const after = configEntryRecord(entry, existing !== null && put.valueChanged);
          if (existing && !put.valueChanged && isDeepStrictEqual(before, after)) return existing;

          // jsonb: a JSON null is written as 'null', since SQL NULL marks a secret. (`as never`: the
          // recursive JsonValue is too deep for TypeORM's partial-entity types.)
          const value = state.secret || state.value !== null ? state.value : () => "'null'::jsonb";
          if (existing) {
            const change = { ...state, value, version: entry.version, updatedAt: now };
            await tx.manager.update(ConfigEntryEntity, { id: existing.id }, change as never);
          } else {
            await tx.manager.insert(ConfigEntryEntity, { ...entry, value } as never);
          }
          tx.record({
            entityType: 'config',
            entityKey: key,
            action: existing ? 'update' : 'create',
            before,
            after,
            environmentId: environment.id,
            snapshotPart: 'config',
          });
          return entry;
        },
      );
      return value;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExistsError(`config entry ${key} in ${environment.key}`);
      throw error;
    }
  }
}

/** Checks of what plain entries and secrets share: the key and the description. */
function commonChecks(input: { key: string; description?: string | null }): InputChecks {
  return new InputChecks().key('/key', input.key, ENTITY_KEY).text('/description', input.description);
}

// A query builder rather than findOneBy: the recursive JsonValue is too deep for TypeORM's where types.
function findEntry(db: EntityManager, environmentId: string, key: string): Promise<ConfigEntryEntity | null> {
  return db
    .createQueryBuilder(ConfigEntryEntity, 'c')
    .where('c.environment_id = :environmentId AND c.key = :key', { environmentId, key })
    .getOne();
}

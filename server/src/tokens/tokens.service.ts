import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { TokenEntity } from '../auth/token.entity.js';
import type { AdminRole, TokenKind } from '../auth/token-secret.js';
import { ChangeWriter } from '../changes/change-writer.js';
import type { EnvironmentEntity } from '../environments/environment.entity.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { InputChecks } from '../validation/input-checks.js';
import { mintToken, type MintedToken } from './mint-token.js';
import { PipelineSigningSecrets } from './pipeline-signing-secrets.js';
import type { SdkKeyKind } from './token-enums.js';
import type { TokenModel } from './token.model.js';
import { tokenRecord, tokenView } from './token-view.js';

export interface TokenFilter {
  readonly kind?: TokenKind | null;
  readonly includeRevoked: boolean;
}

export interface CreatedToken {
  readonly token: TokenModel;
  /** Shown once, here: only the hash is stored. */
  readonly secret: string;
  /** Pipeline tokens that require signed requests: their HMAC key, shown once. */
  readonly signingSecret?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Admin tokens, SDK keys and pipeline tokens of a project. Any role may list them (prefixes only);
 * creating and revoking needs the owner role for every kind, since SDK keys read every flag (and
 * server keys the secrets). Tokens made here always belong to one project: only the first run and
 * the token CLI make instance-wide ones, so no token here ever outranks its maker.
 */
@Injectable()
export class TokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly writer: ChangeWriter,
    private readonly signingSecrets: PipelineSigningSecrets,
  ) {}

  /** Newest first; revoked ones only when asked. */
  async list(actor: Actor, projectKey: string, filter: TokenFilter): Promise<TokenModel[]> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'viewer', 'list tokens');
    const tokens = await this.dataSource.getRepository(TokenEntity).find({
      where: {
        projectId: project.id,
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.includeRevoked ? {} : { revokedAt: IsNull() }),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    const keys = await this.environmentKeys(project.id);
    return tokens.map((t) => tokenView(t, environmentKeyOf(t, keys)));
  }

  async createAdminToken(
    actor: Actor,
    projectKey: string,
    input: { name: string; role: AdminRole },
  ): Promise<CreatedToken> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'owner', 'create an admin token');
    return this.create(actor, project, null, { kind: 'admin', name: input.name, role: input.role });
  }

  async createSdkKey(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    input: { name: string; kind: SdkKeyKind },
  ): Promise<CreatedToken> {
    const { project, environment } = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'owner', `create an SDK key for ${environmentKey}`);
    return this.create(actor, project, environment, { kind: input.kind, name: input.name, role: null });
  }

  /** With `requireSignature`, the token gets a signing secret and its hook calls must be signed. */
  async createPipelineToken(
    actor: Actor,
    projectKey: string,
    input: { name: string; requireSignature?: boolean },
  ): Promise<CreatedToken> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'owner', 'create a pipeline token');
    if (input.requireSignature) this.signingSecrets.checkEnabled('/requireSignature');
    return this.create(
      actor,
      project,
      null,
      { kind: 'pipeline', name: input.name, role: null },
      input.requireSignature ? (db, token) => this.signingSecrets.create(db, token.id) : undefined,
    );
  }

  /**
   * Admin and pipeline tokens are refused from their next request on; SDK keys within 5 s (their
   * lookups are cached for snapshot polling), and their open streams within 15 s.
   * Revoking a revoked token is not an error: it answers the token as it is and records nothing,
   * so a retried call is safe. An actor may revoke its own token.
   */
  async revoke(actor: Actor, projectKey: string, id: string, reason?: string | null): Promise<TokenModel> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'owner', 'revoke a token');
    // Ids of other projects' tokens answer exactly like ids that do not exist.
    const found = UUID.test(id)
      ? await this.dataSource.getRepository(TokenEntity).findOneBy({ id, projectId: project.id })
      : null;
    if (!found) throw new NotFoundError(`token ${id}`);
    const environmentKey = await this.environmentKey(found);
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id },
      { action: `revoke token ${found.prefix}`, reason },
      async (tx) => {
        // Writes to the project are serialised, so this read sees any revocation that won a race.
        const before = await tx.manager.findOneByOrFail(TokenEntity, { id, projectId: project.id });
        if (before.revokedAt !== null) return before;
        const after = { ...before, revokedAt: new Date() };
        await tx.manager.update(TokenEntity, { id }, { revokedAt: after.revokedAt });
        tx.record({
          entityType: 'token',
          entityKey: before.prefix,
          action: 'revoke',
          before: tokenRecord(before, environmentKey),
          after: tokenRecord(after, environmentKey),
          environmentId: before.environmentId,
        });
        return after;
      },
    );
    return tokenView(value, environmentKey);
  }

  /** `signingSecret` makes a token's signing secret in the same transaction. */
  private async create(
    actor: Actor,
    project: ProjectEntity,
    environment: EnvironmentEntity | null,
    spec: { kind: TokenKind; name: string; role: AdminRole | null },
    signingSecret?: (db: EntityManager, token: TokenEntity) => Promise<string>,
  ): Promise<CreatedToken> {
    new InputChecks().name('/name', spec.name).done();
    const environmentKey = environment?.key ?? null;
    // Project-wide, also for SDK keys: a key gives access, it changes nothing an environment serves,
    // so a protected environment's rule (a reason for every change) does not apply to it.
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id },
      { action: `create a ${spec.kind} token` },
      async (tx): Promise<MintedToken & { signingSecret?: string }> => {
        const minted = await mintToken(tx.manager, {
          kind: spec.kind,
          name: spec.name.trim(),
          role: spec.role,
          projectId: project.id,
          environmentId: environment?.id ?? null,
          createdBy: actor.label,
        });
        tx.record({
          entityType: 'token',
          entityKey: minted.token.prefix,
          action: 'create',
          before: null,
          after: tokenRecord(minted.token, environmentKey),
          environmentId: minted.token.environmentId,
        });
        return { ...minted, signingSecret: await signingSecret?.(tx.manager, minted.token) };
      },
    );
    return {
      token: tokenView(value.token, environmentKey),
      secret: value.secret,
      signingSecret: value.signingSecret,
    };
  }

  private async environmentKeys(projectId: string): Promise<Map<string, string>> {
    return new Map((await this.lookup.environments(projectId)).map((e) => [e.id, e.key]));
  }

  private async environmentKey(token: TokenEntity): Promise<string | null> {
    if (token.environmentId === null || token.projectId === null) return null;
    return environmentKeyOf(token, await this.environmentKeys(token.projectId));
  }
}

function environmentKeyOf(token: TokenEntity, keys: ReadonlyMap<string, string>): string | null {
  return token.environmentId === null ? null : (keys.get(token.environmentId) ?? null);
}

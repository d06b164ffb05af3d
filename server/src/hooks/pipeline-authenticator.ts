import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { bearer } from '../auth/admin-authenticator.js';
import { hashToken } from '../auth/token-secret.js';
import { TokenUse } from '../auth/token-use.js';
import { PipelineSigningSecretEntity } from '../tokens/pipeline-signing-secret.entity.js';
import { PipelineSigningSecrets } from '../tokens/pipeline-signing-secrets.js';
import { InvalidPipelineTokenError } from './invalid-pipeline-token-error.js';
import type { PipelineCaller } from './pipeline-caller.js';

export interface AuthenticatedPipeline {
  readonly caller: PipelineCaller;
  /** Set when the token requires signed requests: the key to check them with. */
  readonly signingSecret: string | undefined;
}

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  project_id: string;
}

/**
 * Resolves `Authorization: Bearer fsp_…` to its project. Read on every call, so a revoked token is
 * refused from its next request on; any failure is the same InvalidPipelineTokenError.
 */
@Injectable()
export class PipelineAuthenticator {
  private readonly uses: TokenUse;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signingSecrets: PipelineSigningSecrets,
  ) {
    this.uses = new TokenUse(dataSource);
  }

  async authenticate(authorization: string | undefined): Promise<AuthenticatedPipeline> {
    const secret = bearer(authorization);
    if (secret === undefined || !secret.startsWith('fsp_')) throw new InvalidPipelineTokenError();
    const rows: TokenRow[] = await this.dataSource.query(
      `SELECT t.id, t.name, t.prefix, t.project_id
         FROM tokens t JOIN projects p ON p.id = t.project_id
        WHERE t.secret_hash = $1 AND t.kind = 'pipeline' AND t.revoked_at IS NULL AND p.archived_at IS NULL`,
      [hashToken(secret)],
    );
    const token = rows[0];
    if (!token) throw new InvalidPipelineTokenError();
    this.uses.note(token.id);
    const sealed = await this.dataSource
      .getRepository(PipelineSigningSecretEntity)
      .findOneBy({ tokenId: token.id });
    return {
      caller: { tokenId: token.id, projectId: token.project_id, label: `${token.name} (${token.prefix})` },
      signingSecret: sealed ? this.signingSecrets.reveal(sealed) : undefined,
    };
  }
}

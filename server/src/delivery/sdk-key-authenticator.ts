import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hashToken } from '../auth/token-secret.js';
import { TokenUse } from '../auth/token-use.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { InvalidSdkKeyError } from './invalid-sdk-key-error.js';
import type { SdkKeyCredential } from './sdk-key-credential.js';

/** Who an SDK request is: a key of one environment, of one kind. */
export interface SdkKey {
  readonly tokenId: string;
  readonly kind: SdkKeyKind;
  readonly environmentId: string;
  readonly projectId: string;
}

/**
 * How long an answer about a key is reused. Every snapshot poll authenticates, so keys are not
 * read from the database each time: a revoked key (or one of an environment or project archived
 * since) keeps working on this instance for at most this long.
 */
export const SDK_KEY_CACHE_MS = 5000;
/** Keys remembered at once (unknown ones too, so a client retrying a bad key costs no query). */
const SDK_KEY_CACHE_SIZE = 10_000;
interface Remembered {
  readonly key: SdkKey | undefined;
  readonly until: number;
}

interface KeyRow {
  id: string;
  kind: SdkKeyKind;
  environment_id: string;
  project_id: string;
}

/** A usable SDK key: not revoked, and its environment and project are not archived. */
const USABLE = `
  FROM tokens t
  JOIN environments e ON e.id = t.environment_id
  JOIN projects p ON p.id = e.project_id
  WHERE t.kind IN ('server', 'client') AND t.revoked_at IS NULL
    AND e.archived_at IS NULL AND p.archived_at IS NULL`;

/**
 * Resolves an SDK key (server or client) to its environment. Any failure is the same
 * InvalidSdkKeyError: the answer never says whether a key exists, was revoked or is of the
 * wrong kind.
 */
@Injectable()
export class SdkKeyAuthenticator {
  private readonly remembered = new Map<string, Remembered>();
  private readonly reading = new Map<string, Promise<SdkKey | undefined>>();
  private readonly uses: TokenUse;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.uses = new TokenUse(dataSource);
  }

  async authenticate(credential: SdkKeyCredential | undefined): Promise<SdkKey> {
    if (!credential) throw new InvalidSdkKeyError();
    const hash = hashToken(credential.secret);
    const now = Date.now();
    const remembered = this.remembered.get(hash);
    const key = remembered && remembered.until > now ? remembered.key : await this.read(hash);
    if (!key || (credential.inQuery && key.kind !== 'client')) throw new InvalidSdkKeyError();
    this.uses.note(key.tokenId, now);
    return key;
  }

  /** Which of these keys are still usable, read now: open streams of the others are ended. */
  async stillUsable(tokenIds: readonly string[]): Promise<Set<string>> {
    if (tokenIds.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(`SELECT t.id ${USABLE} AND t.id = ANY($1)`, [
      [...tokenIds],
    ]);
    return new Set(rows.map((r) => r.id));
  }

  private read(hash: string): Promise<SdkKey | undefined> {
    let reading = this.reading.get(hash);
    if (!reading) {
      reading = this.lookUp(hash).finally(() => this.reading.delete(hash));
      this.reading.set(hash, reading);
    }
    return reading;
  }

  private async lookUp(hash: string): Promise<SdkKey | undefined> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT t.id, t.kind, t.environment_id, e.project_id ${USABLE} AND t.secret_hash = $1`,
      [hash],
    );
    const row = rows[0];
    const key: SdkKey | undefined = row && {
      tokenId: row.id,
      kind: row.kind,
      environmentId: row.environment_id,
      projectId: row.project_id,
    };
    this.remembered.delete(hash);
    if (this.remembered.size >= SDK_KEY_CACHE_SIZE) {
      // Maps iterate in insertion order: the first is the answer longest unrefreshed.
      this.remembered.delete(this.remembered.keys().next().value!);
    }
    this.remembered.set(hash, { key, until: Date.now() + SDK_KEY_CACHE_MS });
    return key;
  }
}

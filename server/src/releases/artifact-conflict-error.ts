import { DomainError } from '../errors/domain-error.js';

/** Artifacts are immutable: the same version again with other content is refused. */
export class ArtifactConflictError extends DomainError {
  readonly code = 'ARTIFACT_CONFLICT';

  constructor(
    what: string,
    readonly fields: readonly string[],
  ) {
    super(`${what} already exists with another ${fields.join(', ')}; artifacts cannot change`);
    this.name = 'ArtifactConflictError';
  }

  override details(): Record<string, unknown> {
    return { fields: this.fields };
  }
}

import { DomainError } from './domain-error.js';

/** An edit based on a version that is no longer current: reload, look, reapply. */
export class VersionConflictError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(
    what: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`${what} changed since version ${expectedVersion}; it is at version ${currentVersion} now`);
    this.name = 'VersionConflictError';
  }

  /** Throws unless the edit was based on the current version. */
  static check(what: string, expectedVersion: number, currentVersion: number): void {
    if (expectedVersion !== currentVersion)
      throw new VersionConflictError(what, expectedVersion, currentVersion);
  }

  override details(): Record<string, unknown> {
    return { expectedVersion: this.expectedVersion, currentVersion: this.currentVersion };
  }
}

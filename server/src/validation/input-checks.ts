import { InvalidInputError, type InputProblem } from '../errors/invalid-input-error.js';

/** Projects and environments: lower-case, short, safe in URLs and SDK keys. */
export const SLUG_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Flags, segments and configuration: what SDK code and OFREP paths name them by. */
export const ENTITY_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 10_000;

/** Collects every problem of an input before refusing it, so a form can mark all fields at once. */
export class InputChecks {
  private readonly found: InputProblem[] = [];

  add(path: string, code: string, message: string): this {
    this.found.push({ path, code, message });
    return this;
  }

  addAll(problems: readonly InputProblem[], prefix = ''): this {
    for (const p of problems) this.found.push({ ...p, path: prefix + p.path });
    return this;
  }

  key(path: string, value: string | undefined | null, pattern: RegExp): this {
    if (value === undefined || value === null) return this;
    if (!pattern.test(value)) {
      const rule =
        pattern === SLUG_KEY
          ? 'lower-case letters, digits, - and _, starting with a letter or digit, at most 64 characters'
          : 'letters, digits, ., - and _, starting with a letter or digit, at most 256 characters';
      this.add(path, 'INVALID_KEY', `a key is ${rule}`);
    }
    return this;
  }

  name(path: string, value: string | undefined | null): this {
    if (value === undefined || value === null) return this;
    if (value.trim().length === 0 || value.length > MAX_NAME_LENGTH) {
      this.add(path, 'INVALID_NAME', `a name is 1 to ${MAX_NAME_LENGTH} characters`);
    }
    return this;
  }

  text(path: string, value: string | undefined | null, max = MAX_DESCRIPTION_LENGTH): this {
    if (value !== undefined && value !== null && value.length > max) {
      this.add(path, 'TOO_LONG', `at most ${max} characters`);
    }
    return this;
  }

  color(path: string, value: string | undefined | null): this {
    if (value !== undefined && value !== null && !/^#[0-9a-fA-F]{6}$/.test(value)) {
      this.add(path, 'INVALID_COLOR', 'a colour is #rrggbb');
    }
    return this;
  }

  integer(path: string, value: number | undefined | null, min: number, max: number): this {
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value < min || value > max)) {
      this.add(path, 'OUT_OF_RANGE', `an integer from ${min} to ${max}`);
    }
    return this;
  }

  /** What was found so far, to merge with other checks (sdk-core's) into one answer. */
  get problems(): readonly InputProblem[] {
    return this.found;
  }

  /** Throws BAD_USER_INPUT listing every problem found. */
  done(): void {
    if (this.found.length > 0) throw new InvalidInputError(this.found);
  }
}

/** Whether a database error is a unique-constraint violation (a concurrent create won). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  return e?.code === '23505' || e?.driverError?.code === '23505';
}

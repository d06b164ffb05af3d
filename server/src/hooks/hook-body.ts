import { parseSemVer } from '@flagstaff/sdk-core';
import { InputChecks, SLUG_KEY } from '../validation/input-checks.js';
import { readStrategy, type DeploymentStrategy } from '../releases/deployment-strategy.js';
import { UUID } from '../releases/uuid-cursor.js';

/** A git commit: 7 to 64 hex characters (abbreviated SHA-1 to full SHA-256). */
export const COMMIT = /^[0-9a-fA-F]{7,64}$/;
/** An OCI content digest, e.g. sha256:<64 hex>. */
export const IMAGE_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{1,200}$/;
export const MAX_URL_LENGTH = 2048;
export const MAX_NOTES_LENGTH = 2000;
export const MAX_SOURCE_LENGTH = 200;
/** `details` objects, as JSON text. */
export const MAX_DETAILS_BYTES = 16 * 1024;
/** The OpenAPI description of a `details` field (HookBody.details reads it). */
export const DETAILS_SCHEMA = {
  required: false,
  type: Object,
  additionalProperties: true,
  description: `A JSON object of free-form facts, at most ${MAX_DETAILS_BYTES / 1024} KiB as JSON.`,
};

const pointer = (name: string) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Reads a hook's JSON body field by field, collecting every problem with its path (InputChecks),
 * so one 400 names them all. `null` counts as absent. Fields a hook does not know are refused,
 * so a misspelt optional field is not silently dropped.
 */
export class HookBody {
  private readonly checks = new InputChecks();
  private readonly fields: Readonly<Record<string, unknown>>;
  private readonly known = new Set<string>();

  constructor(body: unknown) {
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      this.fields = body as Record<string, unknown>;
    } else {
      this.fields = {};
      this.checks.add('', 'INVALID_BODY', 'the body is a JSON object');
    }
  }

  /** A string field, checked by `valid` (with `code` and `rule` saying what it must be). */
  string(
    name: string,
    required: boolean,
    valid: (value: string) => boolean = () => true,
    code = 'INVALID_VALUE',
    rule = '',
  ): string | undefined {
    const value = this.take(name);
    if (value === undefined) {
      if (required) this.checks.add(pointer(name), 'REQUIRED', `${name} is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.checks.add(pointer(name), 'INVALID_TYPE', `${name} is a string`);
      return undefined;
    }
    if (!valid(value)) {
      this.checks.add(pointer(name), code, `${name} is ${rule}`);
      return undefined;
    }
    return value;
  }

  /** An application or environment key. */
  key(name: string, required = true): string | undefined {
    return this.string(
      name,
      required,
      (v) => SLUG_KEY.test(v),
      'INVALID_KEY',
      'lower-case letters, digits, - and _, starting with a letter or digit, at most 64 characters',
    );
  }

  version(name: string, required = true): string | undefined {
    return this.string(
      name,
      required,
      (v) => parseSemVer(v) !== undefined,
      'INVALID_VERSION',
      'a semantic version such as 2.3.0 or 2.3.0-rc.1',
    );
  }

  url(name: string): string | undefined {
    return this.string(
      name,
      false,
      isHttpUrl,
      'INVALID_URL',
      `an http or https URL of at most ${MAX_URL_LENGTH} characters`,
    );
  }

  text(name: string, max: number, required = false): string | undefined {
    return this.string(
      name,
      required,
      (v) => v.length <= max && (!required || v.trim().length > 0),
      'INVALID_TEXT',
      required ? `1 to ${max} characters` : `at most ${max} characters`,
    );
  }

  oneOf<T extends string>(name: string, values: readonly T[], required: boolean): T | undefined {
    return this.string(
      name,
      required,
      (v) => values.includes(v as T),
      'INVALID_VALUE',
      `one of ${values.join(', ')}`,
    ) as T | undefined;
  }

  uuid(name: string): string | undefined {
    return this.string(name, false, (v) => UUID.test(v), 'INVALID_ID', 'an id (a UUID)');
  }

  /** A JSON object of free-form facts, at most MAX_DETAILS_BYTES as JSON. */
  details(name: string): Record<string, unknown> | undefined {
    const value = this.take(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.checks.add(pointer(name), 'INVALID_TYPE', `${name} is a JSON object`);
      return undefined;
    }
    if (Buffer.byteLength(JSON.stringify(value)) > MAX_DETAILS_BYTES) {
      this.checks.add(pointer(name), 'TOO_LONG', `${name} is at most ${MAX_DETAILS_BYTES} bytes of JSON`);
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  strategy(name: string): DeploymentStrategy | undefined {
    return readStrategy(this.checks, pointer(name), this.take(name));
  }

  /** Whether the body has the field at all (null counts as absent). */
  has(name: string): boolean {
    return this.fields[name] !== undefined && this.fields[name] !== null;
  }

  problem(path: string, code: string, message: string): void {
    this.checks.add(path, code, message);
  }

  /** Throws BAD_USER_INPUT naming every problem, fields the hook does not know included. */
  done(): void {
    for (const name of Object.keys(this.fields)) {
      if (!this.known.has(name)) this.checks.add(pointer(name), 'UNKNOWN_FIELD', `there is no field ${name}`);
    }
    this.checks.done();
  }

  private take(name: string): unknown {
    this.known.add(name);
    const value = Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
    return value === null ? undefined : value;
  }
}

function isHttpUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

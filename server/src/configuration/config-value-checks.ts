import type { ConfigType } from '@flagstaff/sdk-core';
import type { InputChecks } from '../validation/input-checks.js';

/** A value, serialized as JSON, or a secret's plaintext, in UTF-8 bytes. */
export const MAX_CONFIG_VALUE_BYTES = 64 * 1024;
/** Nesting of json values; SDKs parse them in every process, often recursively. */
export const MAX_JSON_DEPTH = 32;

const EXPECTED: Readonly<Record<ConfigType, string>> = {
  string: 'a string',
  number: 'a finite number',
  boolean: 'true or false',
  json: `any JSON value nested at most ${MAX_JSON_DEPTH} deep`,
};

/** Adds a problem at `path` unless `value` is a storable value of `type`. */
export function checkConfigValue(checks: InputChecks, path: string, type: ConfigType, value: unknown): void {
  if (value === undefined) {
    checks.add(path, 'REQUIRED', 'a value is required');
    return;
  }
  if (!matchesType(type, value)) {
    checks.add(path, 'TYPE_MISMATCH', `a ${type} entry needs ${EXPECTED[type]}, got ${describe(value)}`);
    return;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_CONFIG_VALUE_BYTES) {
    checks.add(
      path,
      'TOO_LARGE',
      `a value is at most ${MAX_CONFIG_VALUE_BYTES / 1024} KiB as JSON, this is ${bytes} bytes`,
    );
    return;
  }
}

/** Adds a problem at `path` unless `plaintext` can be stored as a secret. */
export function checkSecretValue(checks: InputChecks, path: string, plaintext: string): void {
  const bytes = Buffer.byteLength(plaintext);
  if (bytes > MAX_CONFIG_VALUE_BYTES) {
    checks.add(
      path,
      'TOO_LARGE',
      `a secret is at most ${MAX_CONFIG_VALUE_BYTES / 1024} KiB, this is ${bytes} bytes`,
    );
  }
}

function matchesType(type: ConfigType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return isJson(value, 0);
  }
}

function isJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value === 'object') return Object.values(value).every((v) => isJson(v, depth + 1));
  return false;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}

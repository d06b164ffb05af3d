// The loader every SDK's tests run over sdk-core/spec/*.json. It reads nothing itself (no fs, no
// fetch): the caller hands over each file's parsed JSON, and may plug in its own evaluation so
// sdk-node, sdk-web or the server's preview are checked through their own public paths.
import { bucket } from './bucket.js';
import { compile } from './compile.js';
import { murmur3, utf8Bytes } from './hash.js';
import { jsonEqual } from './json.js';
import type {
  Clause,
  EvaluationContext,
  EvaluationDetail,
  Flag,
  FlagValue,
  JsonValue,
  Segment,
  Snapshot,
} from './model.js';
import { validateFlag, type ValidationScope } from './validate.js';

/** The spec files, in the order they build on each other. */
export const SPEC_FILES = [
  'hash.json',
  'bucket.json',
  'clauses.json',
  'flags.json',
  'validation.json',
] as const;
export type SpecFile = (typeof SPEC_FILES)[number];

export type SpecValueType = 'boolean' | 'string' | 'number' | 'object' | 'any';

/** How an SDK evaluates; every member is optional except `evaluate`. Results may be promises. */
export interface SpecTarget {
  /** Evaluates `flagKey` in `snapshot`; type `any` means untyped with a null default. */
  evaluate(
    snapshot: Snapshot,
    flagKey: string,
    type: SpecValueType,
    defaultValue: JsonValue,
    context: EvaluationContext,
  ): EvaluationDetail<FlagValue | null> | Promise<EvaluationDetail<FlagValue | null>>;
  /** murmur3_x86_32 of bytes; cases are skipped when absent. */
  hash?(bytes: Uint8Array, seed: number): number | Promise<number>;
  /** The bucket of `value` under `salt`; cases are skipped when absent. */
  bucket?(salt: string, value: string | number): number | Promise<number>;
  /** Write-time validation: the problem codes of a flag; cases are skipped when absent. */
  validateFlag?(flag: unknown, scope: ValidationScope): string[] | Promise<string[]>;
}

export interface SpecCase {
  file: SpecFile;
  name: string;
  /** Runs the case; resolves to the mismatches (empty when it passes), or null when skipped. */
  run(target?: SpecTarget): Promise<string[] | null>;
}

/** sdk-core's own evaluation, the default target. */
export const sdkCoreTarget: SpecTarget = {
  evaluate(snapshot, flagKey, type, defaultValue, context) {
    const ev = compile(snapshot);
    switch (type) {
      case 'boolean':
        return ev.booleanDetail(flagKey, defaultValue as boolean, context);
      case 'string':
        return ev.stringDetail(flagKey, defaultValue as string, context);
      case 'number':
        return ev.numberDetail(flagKey, defaultValue as number, context);
      case 'object':
        return ev.objectDetail(flagKey, defaultValue, context);
      case 'any':
        return ev.evaluate(flagKey, context);
    }
  },
  hash: (bytes, seed) => murmur3(bytes, seed),
  bucket: (salt, value) => bucket(salt, value),
  validateFlag: (flag, scope) => validateFlag(flag, scope).map((p) => p.code),
};

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));

function compare(out: string[], what: string, actual: unknown, expected: unknown): void {
  // Absent and undefined are the same thing here (JSON has no undefined).
  if (!jsonEqual(actual ?? null, expected ?? null))
    out.push(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

interface ExpectedDetail {
  value: JsonValue;
  variant?: string;
  reason: string;
  errorCode?: string;
  flagMetadata?: Record<string, string | number | boolean>;
}

function checkDetail(actual: EvaluationDetail<FlagValue | null>, expected: ExpectedDetail): string[] {
  const out: string[] = [];
  if (!jsonEqual(actual.value, expected.value))
    out.push(`value: expected ${show(expected.value)}, got ${show(actual.value)}`);
  compare(out, 'variant', actual.variant, expected.variant);
  compare(out, 'reason', actual.reason, expected.reason);
  compare(out, 'errorCode', actual.errorCode, expected.errorCode);
  if (expected.flagMetadata) compare(out, 'flagMetadata', actual.flagMetadata, expected.flagMetadata);
  return out;
}

const ON_OFF = [
  { key: 'on', value: true },
  { key: 'off', value: false },
];

/** A clause case as a flag: one rule with the clause serving true, fallthrough false. */
export function clauseSnapshot(clause: Clause, segments: Record<string, Segment> = {}): Snapshot {
  const flag: Flag = {
    key: 'clause',
    kind: 'boolean',
    variations: ON_OFF,
    enabled: true,
    offVariation: 'off',
    targets: [],
    rules: [{ id: 'clause', clauses: [clause], serve: { variation: 'on' } }],
    fallthrough: { variation: 'off' },
    prerequisites: [],
  };
  return { version: 1, flags: { clause: flag }, segments, config: {} };
}

type Doc = { cases?: unknown; snapshots?: unknown };

/**
 * Turns one parsed spec file into runnable cases. `file` is its name ("flags.json", …).
 * Usage: `for (const c of loadSpecCases('flags.json', json)) it(c.name, async () => expect(await c.run()).toEqual([]))`.
 */
export function loadSpecCases(file: SpecFile, json: unknown): SpecCase[] {
  const doc = (typeof json === 'object' && json !== null ? json : {}) as Doc;
  if (!Array.isArray(doc.cases)) throw new Error(`${file}: no cases array`);
  const cases = doc.cases as Record<string, unknown>[];
  const make = (name: string, run: SpecCase['run']): SpecCase => ({ file, name, run });
  switch (file) {
    case 'hash.json':
      return cases.map((c) =>
        make(String(c.name), async (t = sdkCoreTarget) => {
          if (!t.hash) return null;
          const bytes = typeof c.inputHex === 'string' ? fromHex(c.inputHex) : utf8Bytes(String(c.input));
          const got = await t.hash(bytes, Number(c.seed));
          return got === c.expected ? [] : [`hash: expected ${String(c.expected)}, got ${got}`];
        }),
      );
    case 'bucket.json':
      return cases.map((c) =>
        make(String(c.name), async (t = sdkCoreTarget) => {
          if (!t.bucket) return null;
          const got = await t.bucket(String(c.salt), c.value as string | number);
          return got === c.expected ? [] : [`bucket: expected ${String(c.expected)}, got ${got}`];
        }),
      );
    case 'clauses.json':
      return cases.map((c) =>
        make(String(c.name), async (t = sdkCoreTarget) => {
          const snapshot = clauseSnapshot(c.clause as Clause, (c.segments ?? {}) as Record<string, Segment>);
          const d = await t.evaluate(
            snapshot,
            'clause',
            'boolean',
            !c.expected,
            c.context as EvaluationContext,
          );
          if (d.errorCode) return [`clause evaluation failed: ${d.errorCode} ${d.errorMessage ?? ''}`];
          return d.value === c.expected
            ? []
            : [`clause: expected ${String(c.expected)}, got ${String(d.value)}`];
        }),
      );
    case 'flags.json': {
      const snapshots = (doc.snapshots ?? {}) as Record<string, Snapshot>;
      return cases.map((c) =>
        make(String(c.name), async (t = sdkCoreTarget) => {
          const snapshot = snapshots[String(c.snapshot)];
          if (!snapshot) return [`no snapshot ${String(c.snapshot)}`];
          const d = await t.evaluate(
            snapshot,
            String(c.flag),
            c.type as SpecValueType,
            c.default as JsonValue,
            c.context as EvaluationContext,
          );
          return checkDetail(d, c.expected as ExpectedDetail);
        }),
      );
    }
    case 'validation.json':
      return cases.map((c) =>
        make(String(c.name), async (t = sdkCoreTarget) => {
          if (!t.validateFlag) return null;
          const codes = [...new Set(await t.validateFlag(c.flag, (c.scope ?? {}) as ValidationScope))].sort();
          const expected = [...(c.codes as string[])].sort();
          return jsonEqual(codes, expected) ? [] : [`codes: expected ${show(expected)}, got ${show(codes)}`];
        }),
      );
  }
}

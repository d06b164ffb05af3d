// Options as data: each SDK declares its options in a table (kind, default, least value) and one
// checker reads them. A bad option is reported in one form ("option pollIntervalMs must be a
// number ≥ 1000, got 10; using 1000") and replaced by its default: a typo in configuration must
// never take the host application down. Absent, null and '' all mean "not given".
import { messageOf } from './flagstaff-error.js';

/**
 * What a kind of option must be (for the message), and how a given value is read: the value to
 * use (a number raised to its least value, say), or undefined when it is unusable.
 */
export type OptionKind<T> = readonly [expected: string, read: (value: unknown, min: number) => T | undefined];

/** An option: its kind, the value used when it is absent or unusable, and (numbers) its least value. */
export type OptionSpec = readonly [kind: OptionKind<unknown>, fallback?: unknown, min?: number];

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** What the checker read: each option's value, or its fallback (undefined when it has none). */
export type OptionValues<T extends OptionTable> = {
  -readonly [K in keyof T]: T[K] extends readonly [OptionKind<infer V>, infer F, ...unknown[]]
    ? V | F
    : T[K] extends readonly [OptionKind<infer V>]
      ? V | undefined
      : never;
};

const typed = <T>(expected: string, type: string): OptionKind<T> => [
  expected,
  (v) => (typeof v === type ? (v as T) : undefined),
];

export const BOOLEAN = typed<boolean>('a boolean', 'boolean');
export const STRING = typed<string>('a string', 'string');
/** Functions, and classes (EventSource); their signatures are the SDK's to assert. */
export const FUNCTION = typed<unknown>('a function', 'function');
export const OBJECT: OptionKind<object> = [
  'an object',
  (v) => (typeof v === 'object' && !Array.isArray(v) ? (v as object) : undefined),
];
/** A duration in ms: a positive finite number, raised to the option's least value. */
export const MS: OptionKind<number> = [
  'a number',
  (v, min) => (typeof v === 'number' && v > 0 && v < Infinity ? Math.max(v, min) : undefined),
];
/** A snapshot object, or a string the SDK reads one from (JSON text, a file path). */
export const snapshotSource = (expected: string): OptionKind<string | object> => [
  expected,
  (v) => (typeof v === 'string' || typeof v === 'object' ? (v as string | object) : undefined),
];

/** A value in a message: strings quoted, objects and functions by their kind (never their contents). */
export const show = (x: unknown): string =>
  typeof x === 'string'
    ? JSON.stringify(x)
    : typeof x === 'function'
      ? 'a function'
      : typeof x === 'object' && x !== null
        ? Array.isArray(x)
          ? 'an array'
          : 'an object'
        : String(x);

/** The sentence every bad value is reported with. */
export const mustBe = (what: string, expected: string, value: unknown, instead: string): string =>
  `${what} must be ${expected}, got ${show(value)}; ${instead}`;

/**
 * Reads the options of `table` from `input`, pushing a sentence to `problems` for each bad one
 * and each name the table does not know. Never throws: options whose very reading throws (a
 * hostile proxy) give the defaults.
 */
export function readOptions<T extends OptionTable>(
  input: unknown,
  table: T,
  problems: string[],
): OptionValues<T> {
  const values: Record<string, unknown> = {};
  try {
    let given = input as Record<string, unknown>;
    if (typeof input !== 'object' || input === null) {
      if (input !== undefined) problems.push(mustBe('options', 'an object', input, 'using defaults'));
      given = {};
    }
    for (const name of Object.keys(given)) {
      if (!Object.hasOwn(table, name)) problems.push(`unknown option ${show(name)} ignored`);
    }
    for (const name in table) {
      const [[expected, read], fallback, min = 0] = table[name]!;
      const value = given[name];
      const absent = value == null || value === '';
      const used = (values[name] = (absent ? undefined : read(value, min)) ?? fallback);
      if (!absent && used !== value) {
        const instead = used === undefined ? 'ignored' : `using ${show(used)}`;
        problems.push(mustBe(`option ${name}`, min ? `${expected} ≥ ${min}` : expected, value, instead));
      }
    }
  } catch (e) {
    problems.push(`options could not be read (${messageOf(e)}); using defaults`);
    return readOptions(undefined, table, problems);
  }
  return values as OptionValues<T>;
}

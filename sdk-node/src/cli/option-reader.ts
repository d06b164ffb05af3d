import { UsageError } from './usage-error.js';

/** Option values as node:util parseArgs gives them. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Reads a command's options for its request body. An empty value counts as not given, so that a
 * pipeline's `--commit "$SHA"` with SHA unset leaves the field out. Problems are UsageErrors
 * carrying the command's usage line.
 */
export class OptionReader {
  constructor(
    private readonly values: OptionValues,
    private readonly usage: string,
  ) {}

  optional(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  required(name: string, problem = `--${name} is required`): string {
    return this.optional(name) ?? this.fail(problem);
  }

  /** Whether any of the options was given. */
  any(...names: readonly string[]): boolean {
    return names.some((name) => this.optional(name) !== undefined);
  }

  /** A JSON object, e.g. `--details '{"reason":"p99 over 2 s"}'`. */
  jsonObject(name: string): Record<string, unknown> | undefined {
    const text = this.optional(name);
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.fail(`--${name} is not JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(`--${name} is a JSON object, e.g. '{"reason":"error rate over 5%"}'`);
    }
    return value as Record<string, unknown>;
  }

  fail(problem: string): never {
    throw new UsageError(problem, this.usage);
  }
}

// The evaluation API over a compiled snapshot. Every method catches everything: evaluation never
// throws, it returns the caller's default with reason ERROR and an error code.
import type { CompiledFlag, CompiledParts } from './compile.js';
import { EMPTY_METADATA, makeDetail, messageOf } from './detail.js';
import type { Trace } from './explain.js';
import type {
  ConfigEntry,
  EvaluationContext,
  EvaluationDetail,
  FlagKind,
  FlagValue,
  JsonValue,
  Snapshot,
  ValueType,
} from './model.js';
import { TRACING } from './tracing.js';
import type { Problem } from './validate.js';

export const EMPTY_CONTEXT: EvaluationContext = Object.freeze({});

function asContext(context: EvaluationContext | undefined): EvaluationContext {
  return typeof context === 'object' && context !== null ? context : EMPTY_CONTEXT;
}

export class Evaluator {
  // `declare`d, set by the constructor: not also emitted as class fields (bundle size).
  /** The snapshot version this evaluator was compiled from. */
  declare readonly version: number;
  /** What validation found in the snapshot; flags it names evaluate to errors, never to a guess. */
  declare readonly problems: readonly Problem[];
  /** @internal What `compile` reuses when this snapshot is patched. */
  declare readonly parts: CompiledParts | undefined;
  readonly #flags: ReadonlyMap<string, CompiledFlag>;
  readonly #config: Readonly<Record<string, ConfigEntry>>;

  /** Built by `compile(snapshot)`. */
  constructor(
    snapshot: Snapshot,
    flags: ReadonlyMap<string, CompiledFlag>,
    problems: readonly Problem[],
    parts?: CompiledParts,
  ) {
    this.parts = parts;
    this.version = typeof snapshot.version === 'number' ? snapshot.version : 0;
    this.#flags = flags;
    this.problems = Object.freeze([...problems]);
    this.#config =
      typeof snapshot.config === 'object' && snapshot.config !== null
        ? Object.freeze({ ...snapshot.config })
        : {};
  }

  /**
   * The fast path: the value of a boolean flag, or `defaultValue` on any error (missing flag, other
   * kind, missing targetingKey for a rollout…). Allocates nothing.
   */
  booleanValue(flagKey: string, defaultValue: boolean, context?: EvaluationContext): boolean {
    try {
      const flag = this.#flags.get(flagKey);
      if (flag === undefined || flag.valueType !== 'boolean') return defaultValue;
      const r = flag.constant ?? flag.resolve(asContext(context));
      return r.variation < 0 ? defaultValue : (r.value as boolean);
    } catch {
      return defaultValue;
    }
  }

  booleanDetail(
    flagKey: string,
    defaultValue: boolean,
    context?: EvaluationContext,
  ): EvaluationDetail<boolean> {
    return this.detail(flagKey, 'boolean', defaultValue, context);
  }

  stringDetail(flagKey: string, defaultValue: string, context?: EvaluationContext): EvaluationDetail<string> {
    return this.detail(flagKey, 'string', defaultValue, context);
  }

  numberDetail(flagKey: string, defaultValue: number, context?: EvaluationContext): EvaluationDetail<number> {
    return this.detail(flagKey, 'number', defaultValue, context);
  }

  /** Reads a `json` flag. The value is deep-frozen and shared: copy it before changing it. */
  objectDetail<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context?: EvaluationContext,
  ): EvaluationDetail<T> {
    return this.detail(flagKey, 'object', defaultValue, context);
  }

  /**
   * Evaluates a flag of any kind (for OFREP, previews and bulk evaluation). The caller's default
   * is `null`: on errors and for a disabled flag without an off variation the value is null.
   */
  evaluate(flagKey: string, context?: EvaluationContext): EvaluationDetail<FlagValue | null> {
    return this.detail(flagKey, undefined, null, context);
  }

  /** Keys of every flag in the snapshot. */
  flagKeys(): string[] {
    return [...this.#flags.keys()];
  }

  /** The kind of a flag, or undefined when the snapshot has no such flag. */
  flagKind(flagKey: string): FlagKind | undefined {
    return this.#flags.get(flagKey)?.source.kind;
  }

  /** A configuration entry delivered with the snapshot (sdk-core carries config, never evaluates it). */
  configEntry(name: string): ConfigEntry | undefined {
    return Object.hasOwn(this.#config, name) ? this.#config[name] : undefined;
  }

  /** @internal Every evaluation; `explain` (explain.ts) hands it a trace to fill. */
  detail<T>(
    flagKey: string,
    type: ValueType | undefined,
    defaultValue: T,
    context: EvaluationContext | undefined,
    trace?: Trace,
  ): EvaluationDetail<T> {
    let flag: CompiledFlag | undefined;
    try {
      flag = this.#flags.get(flagKey);
      if (flag === undefined) {
        return makeDetail(
          defaultValue,
          undefined,
          'ERROR',
          'FLAG_NOT_FOUND',
          `no flag ${flagKey}`,
          EMPTY_METADATA,
        );
      }
      if (flag.parseError !== undefined) return flag.parseError.withDefault(defaultValue);
      if (type !== undefined && flag.valueType !== type) {
        const message = `flag ${flagKey} is a ${String(flag.source.kind)} flag, not ${type}`;
        return makeDetail(defaultValue, undefined, 'ERROR', 'TYPE_MISMATCH', message, flag.metadata);
      }
      const r = flag.resolve(asContext(context), trace);
      return r.variation >= 0 ? (r.detail as EvaluationDetail<T>) : r.withDefault(defaultValue);
    } catch (e) {
      if (TRACING && trace !== undefined) trace.step = 'error';
      return makeDetail(
        defaultValue,
        undefined,
        'ERROR',
        'GENERAL',
        messageOf(e),
        flag?.metadata ?? EMPTY_METADATA,
      );
    }
  }
}

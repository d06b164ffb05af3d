// Which part of a flag decided an evaluation, for previews and debugging. It is recorded by the
// evaluation itself (`CompiledFlag.resolve` fills a Trace when handed one), never by a second walk
// over the flag, so an explanation cannot disagree with the result it explains.
//
// Only the server previews explanations: `explain` is exported by `@flagstaff/sdk-core` alone, so
// the browser bundle, which imports the evaluator without that entry, carries none of this.
import type { CompiledFlag } from './compile.js';
import type { Resolution } from './detail.js';
import type { Evaluator } from './evaluator.js';
import type { ErrorCode, EvaluationContext, EvaluationDetail, FlagValue } from './model.js';

/**
 * `evaluator.evaluate(flagKey, context)`, and which step of the flag decided it (for admin
 * previews): the same evaluation records what it did, so the explanation always matches the
 * detail. Allocates; not for hot paths. Exported by `@flagstaff/sdk-core` only.
 */
export function explain(
  evaluator: Evaluator,
  flagKey: string,
  context?: EvaluationContext,
): ExplainedEvaluation {
  const trace = new Trace();
  const detail = evaluator.detail(flagKey, undefined, null, context, trace);
  return { detail, decidedBy: trace.explanation(detail) };
}

/** A rule of a flag: its position in `flag.rules` and its id. */
export interface RuleRef {
  index: number;
  id: string;
}

/** How a rollout placed the context: `range.from <= bucket < range.to` is the served variation's share. */
export interface RolloutExplanation {
  /** The context attribute that was hashed. */
  bucketBy: string;
  /** 0 … 99999, as `bucket(salt, value)`. */
  bucket: number;
  range: { from: number; to: number };
}

/** A prerequisite the context did not pass (the first one, as evaluation stops there). */
export interface PrerequisiteFailure {
  /** Position in `flag.prerequisites`. */
  index: number;
  flagKey: string;
  /** `disabled`: the prerequisite flag is off; `variation`: it served another variation; `error`: it failed to evaluate. */
  failure: 'disabled' | 'variation' | 'error';
  /** The variation the prerequisite had to serve. */
  required: string;
  /** The variation it served (its off variation when disabled); undefined when it served none. */
  served: string | undefined;
}

/**
 * The step that decided an evaluation. `error` exactly when the detail's reason is `ERROR`; a
 * rollout that could not bucket the context names its attribute and, unless it is the
 * fallthrough's, its rule.
 */
export type Explanation =
  | { step: 'disabled' }
  | { step: 'prerequisite'; prerequisite: PrerequisiteFailure }
  | { step: 'target'; targetingKey: string }
  | { step: 'rule'; rule: RuleRef; rollout?: RolloutExplanation }
  | { step: 'fallthrough'; rollout?: RolloutExplanation }
  | {
      step: 'error';
      errorCode: ErrorCode;
      errorMessage: string;
      failedRollout?: { bucketBy: string; rule?: RuleRef };
    };

export type ExplanationStep = Explanation['step'];

/** What `Evaluator#explain` returns: the detail `evaluate` gives, and what decided it. */
export interface ExplainedEvaluation {
  detail: EvaluationDetail<FlagValue | null>;
  decidedBy: Explanation;
}

/**
 * The recorder evaluation fills when given one (`if (trace !== undefined) …`); evaluation without
 * a trace allocates nothing and only pays those checks. Internal: callers get an `Explanation`.
 */
export class Trace {
  /** Starts as `error`: the paths that end in an error (unknown flag, parse error, broken prerequisites) record nothing. */
  step: ExplanationStep = 'error';
  targetingKey = '';
  prerequisite: PrerequisiteFailure | undefined = undefined;
  rule: RuleRef | undefined = undefined;
  rollout: RolloutExplanation | undefined = undefined;
  unbucketable: string | undefined = undefined;

  target(targetingKey: string): void {
    this.step = 'target';
    this.targetingKey = targetingKey;
  }

  /**
   * Prerequisite `index`, `flag`, did not serve variation `required`: `served` is what it served,
   * undefined when it is disabled.
   */
  failedPrerequisite(
    index: number,
    flag: CompiledFlag,
    required: number,
    served: Resolution | undefined,
  ): void {
    this.step = 'prerequisite';
    this.prerequisite = {
      index,
      flagKey: flag.key,
      failure:
        served === undefined ? 'disabled' : served.detail.errorCode === undefined ? 'variation' : 'error',
      required: flag.variationKeys[required]!,
      served: (served ?? flag.disabled).detail.variant,
    };
  }

  matchedRule(index: number, id: string): void {
    this.step = 'rule';
    this.rule = { index, id };
  }

  /** A rollout put `bucket` in range `i` of the cumulative upper bounds `upper`. */
  bucketed(bucketBy: string, bucket: number, upper: Int32Array, i: number): void {
    this.rollout = { bucketBy, bucket, range: { from: i === 0 ? 0 : upper[i - 1]!, to: upper[i]! } };
  }

  /** A rollout found its attribute missing or of a type it cannot hash. */
  couldNotBucket(bucketBy: string): void {
    this.step = 'error';
    this.unbucketable = bucketBy;
  }

  explanation(detail: EvaluationDetail<unknown>): Explanation {
    const rollout = this.rollout === undefined ? {} : { rollout: this.rollout };
    switch (this.step) {
      case 'disabled':
        return { step: 'disabled' };
      case 'prerequisite':
        if (this.prerequisite !== undefined) return { step: 'prerequisite', prerequisite: this.prerequisite };
        break;
      case 'target':
        return { step: 'target', targetingKey: this.targetingKey };
      case 'rule':
        if (this.rule !== undefined) return { step: 'rule', rule: this.rule, ...rollout };
        break;
      case 'fallthrough':
        return { step: 'fallthrough', ...rollout };
      case 'error':
        break;
    }
    const failedRollout =
      this.unbucketable === undefined
        ? {}
        : {
            failedRollout: {
              bucketBy: this.unbucketable,
              ...(this.rule === undefined ? {} : { rule: this.rule }),
            },
          };
    return {
      step: 'error',
      errorCode: detail.errorCode ?? 'GENERAL',
      errorMessage: detail.errorMessage ?? '',
      ...failedRollout,
    };
  }
}

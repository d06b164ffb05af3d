// @flagstaff/sdk-core: the one flag evaluator shared by the server and every SDK.
import { re2jsEngine } from './re2js-engine.js';
import { usePatternEngine } from './regex.js';

// This entry (Node, the server) has its pattern engine from the start; sdk-web, which imports the
// evaluator through `@flagstaff/sdk-core/client`, loads it lazily (see regex.ts).
usePatternEngine(re2jsEngine);

export type {
  Clause,
  ClauseValue,
  ConfigEntry,
  ConfigType,
  ErrorCode,
  EvaluationContext,
  EvaluationDetail,
  Flag,
  FlagKind,
  FlagMetadata,
  FlagValue,
  JsonValue,
  Operator,
  Prerequisite,
  Reason,
  Rollout,
  Rule,
  Segment,
  SegmentRule,
  Serve,
  Snapshot,
  Target,
  ValueType,
  Variation,
  WeightedVariation,
} from './model.js';
export { compile, SnapshotFormatError } from './compile.js';
export { Evaluator } from './evaluator.js';
export type {
  ExplainedEvaluation,
  Explanation,
  ExplanationStep,
  PrerequisiteFailure,
  RolloutExplanation,
  RuleRef,
} from './explain.js';
export { booleanFlag, onOffRollout, snapshotOf } from './builders.js';
export { validateFlag, validateSegment, validateSnapshot, MAX_KEY_LENGTH } from './validate.js';
export type { Problem, ProblemCode, ValidationScope } from './validate.js';
export { MAX_PREREQUISITE_DEPTH } from './prerequisites.js';
export { hasPatternEngine, MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE, usePatternEngine } from './regex.js';
export type { CompiledPattern, PatternEngine, PatternProblemCode } from './regex.js';
export { re2jsEngine } from './re2js-engine.js';
export { BUCKETS, bucket, bucketValueString } from './bucket.js';
export { murmur3 } from './hash.js';
export { parseSemVer, compareSemVer } from './semver.js';
export type { SemVer } from './semver.js';
export { parseDate } from './dates.js';
export { OPERATORS } from './clauses.js';
export { SPEC_FILES, loadSpecCases, sdkCoreTarget, clauseSnapshot } from './spec-vectors.js';
export type { SpecCase, SpecFile, SpecTarget, SpecValueType } from './spec-vectors.js';
export const SDK_CORE_VERSION = '0.1.0';

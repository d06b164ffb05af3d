// @flagstaff/sdk-core: the one flag evaluator shared by the server and every SDK.
import { useValidator } from './compile.js';
import { re2jsEngine } from './re2js-engine.js';
import { usePatternEngine } from './regex.js';
import { snapshotValidator } from './validate.js';

// This entry (Node, the server) has its pattern engine and validator from the start, and explains
// evaluations for previews; sdk-web, which imports the evaluator through
// `@flagstaff/sdk-core/client`, loads the first two lazily (see regex.ts, compile.ts) and goes
// without explanations (explain.ts).
usePatternEngine(re2jsEngine);
useValidator(snapshotValidator);

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
export { explain } from './explain.js';
export { booleanFlag, onOffRollout, snapshotOf } from './builders.js';
export {
  validateFlag,
  validateSegment,
  validateSnapshot,
  validateSnapshotParts,
  MAX_KEY_LENGTH,
  MAX_PATTERN_LENGTH,
  MAX_PROGRAM_SIZE,
  OPERATORS,
} from './validate.js';
export type {
  PatternProblemCode,
  Problem,
  ProblemCode,
  ValidationMemo,
  ValidationReuse,
  ValidationScope,
} from './validate.js';
export { MAX_PREREQUISITE_DEPTH } from './prerequisites.js';
export { hasPatternEngine, usePatternEngine } from './regex.js';
export type { CompiledPattern, PatternEngine } from './regex.js';
export { re2jsEngine } from './re2js-engine.js';
export { BUCKETS, bucket, bucketValueString } from './bucket.js';
export { murmur3 } from './hash.js';
export { parseSemVer, compareSemVer } from './semver.js';
export type { SemVer } from './semver.js';
export { parseDate } from './dates.js';
export { SPEC_FILES, loadSpecCases, sdkCoreTarget, clauseSnapshot } from './spec-vectors.js';
export type { SpecCase, SpecFile, SpecTarget, SpecValueType } from './spec-vectors.js';
export const SDK_CORE_VERSION = '0.1.0';

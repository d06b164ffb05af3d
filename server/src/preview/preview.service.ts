import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  compile,
  explain,
  validateFlag,
  type EvaluationContext,
  type Explanation,
  type ExplainedEvaluation,
  type Flag,
} from '@flagstaff/sdk-core';
import type { DataSource } from 'typeorm';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { InvalidInputError, type InputProblem } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { flagConfigFromInput } from '../flags/flag-config-record.js';
import type { FlagConfigInput } from '../flags/dto/flag-config.input.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { SnapshotBuilder } from '../delivery/snapshot-builder.js';
import type { FlagEvaluationModel, FlagExplanationModel } from './flag-evaluation.model.js';

/**
 * "Test a context": evaluates a flag as an SDK in that environment would, with sdk-core (the
 * server has no evaluator of its own), optionally with an unsaved draft of its configuration.
 */
@Injectable()
export class PreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly snapshots: SnapshotBuilder,
  ) {}

  async evaluate(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    flagKey: string,
    context: unknown,
    draft?: FlagConfigInput | null,
  ): Promise<FlagEvaluationModel> {
    const { project, environment } = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'viewer', 'evaluate a flag');
    if (typeof context !== 'object' || context === null || Array.isArray(context)) {
      throw InvalidInputError.at(
        '/context',
        'INVALID_TYPE',
        'a context is a JSON object, e.g. {"targetingKey": "user-1"}',
      );
    }
    const db = this.dataSource.manager;
    if (!(await db.existsBy(FlagEntity, { projectId: project.id, key: flagKey }))) {
      throw new NotFoundError(`flag ${flagKey}`);
    }
    // What a server key receives; its configuration entries play no part in evaluation.
    const { snapshot } = await this.snapshots.build(environment.id, 'server');
    let draftProblems: InputProblem[] = [];
    const stored = snapshot.flags[flagKey];
    if (draft && stored) {
      const record = flagConfigFromInput(draft);
      const flag: Flag = {
        ...stored,
        enabled: record.enabled,
        targets: record.targets,
        rules: record.rules,
        fallthrough: record.fallthrough,
        prerequisites: record.prerequisites,
      };
      delete flag.offVariation;
      delete flag.salt;
      if (record.offVariation !== null) flag.offVariation = record.offVariation;
      if (record.salt !== null) flag.salt = record.salt;
      snapshot.flags[flagKey] = flag;
      // The stored snapshot was validated; with the draft in it, it is not any more.
      delete snapshot.validated;
      draftProblems = validateFlag(flag, { flags: snapshot.flags, segments: snapshot.segments });
    }
    return evaluationView(explain(compile(snapshot), flagKey, context as EvaluationContext), draftProblems);
  }
}

function evaluationView(result: ExplainedEvaluation, draftProblems: InputProblem[]): FlagEvaluationModel {
  const { detail } = result;
  return {
    value: detail.value,
    variant: detail.variant ?? null,
    reason: detail.reason,
    errorCode: detail.errorCode ?? null,
    errorMessage: detail.errorMessage ?? null,
    explanation: explanationView(result.decidedBy),
    draftProblems,
  };
}

function explanationView(e: Explanation): FlagExplanationModel {
  const view: FlagExplanationModel = {
    step: e.step,
    ruleIndex: null,
    ruleId: null,
    targetingKey: null,
    bucketBy: null,
    bucket: null,
    bucketFrom: null,
    bucketTo: null,
    prerequisite: null,
  };
  switch (e.step) {
    case 'target':
      view.targetingKey = e.targetingKey;
      break;
    case 'prerequisite':
      view.prerequisite = {
        flag: e.prerequisite.flagKey,
        failure: e.prerequisite.failure,
        required: e.prerequisite.required,
        served: e.prerequisite.served ?? null,
      };
      break;
    case 'error':
      if (e.failedRollout) {
        view.bucketBy = e.failedRollout.bucketBy;
        view.ruleIndex = e.failedRollout.rule?.index ?? null;
        view.ruleId = e.failedRollout.rule?.id ?? null;
      }
      break;
    case 'rule':
    case 'fallthrough':
      if (e.step === 'rule') {
        view.ruleIndex = e.rule.index;
        view.ruleId = e.rule.id;
      }
      if (e.rollout) {
        view.bucketBy = e.rollout.bucketBy;
        view.bucket = e.rollout.bucket;
        view.bucketFrom = e.rollout.range.from;
        view.bucketTo = e.rollout.range.to;
      }
      break;
    case 'disabled':
      break;
  }
  return view;
}

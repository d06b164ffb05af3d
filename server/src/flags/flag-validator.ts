import { Injectable } from '@nestjs/common';
import { validateFlag, type Flag, type Problem, type Segment } from '@flagstaff/sdk-core';
import type { EntityManager } from 'typeorm';
import type { EnvironmentEntity } from '../environments/environment.entity.js';
import type { InputProblem } from '../errors/invalid-input-error.js';
import { MAX_DESCRIPTION_LENGTH } from '../validation/input-checks.js';
import { defaultFlagConfig, flagConfigRecord, type FlagConfigRecord } from './flag-config-record.js';
import type { FlagEntity } from './flag.entity.js';
import { FlagRepository } from './flag.repository.js';
import { sdkFlag } from './sdk-flag.js';

export const MAX_SALT_LENGTH = 256;

/** Top-level fields of a flag that belong to one environment's configuration. */
const CONFIG_FIELDS = new Set([
  'enabled',
  'offVariation',
  'targets',
  'rules',
  'fallthrough',
  'prerequisites',
  'salt',
]);

export const isConfigPath = (path: string) => CONFIG_FIELDS.has(path.split('/')[1] ?? '');

/**
 * Problems of several checkers in one list: a later checker's problem at a path and code an
 * earlier one already reported is left out (both judge key syntax, for example).
 */
export function mergeProblems(...lists: readonly (readonly InputProblem[])[]): InputProblem[] {
  const merged: InputProblem[] = [];
  for (const list of lists) {
    const earlier = new Set(merged.map((p) => `${p.path} ${p.code}`));
    merged.push(...list.filter((p) => !earlier.has(`${p.path} ${p.code}`)));
  }
  return merged;
}

/**
 * Judges flags through sdk-core's validateFlag, giving it what the flag may refer to: the other
 * active flags of the environment (prerequisites: existence, variations, cycles, depth) and the
 * project's segments (segmentMatch). The server has no rules of its own about flag logic.
 */
@Injectable()
export class FlagValidator {
  constructor(private readonly repository: FlagRepository) {}

  /** Every problem of `flag` configured as `config` in one environment, paths into FlagConfigInput. */
  async configProblems(
    db: EntityManager,
    environment: EnvironmentEntity,
    flag: FlagEntity,
    config: FlagConfigRecord,
  ): Promise<InputProblem[]> {
    const archived = new Set<string>();
    let flags: Record<string, Flag> | undefined;
    // Cycles, depth and missing flags all run through this flag's prerequisites: none, nothing to load.
    if (config.prerequisites.length > 0) {
      flags = {};
      for (const other of await this.repository.inEnvironment(db, environment.projectId, environment.id)) {
        if (other.flag.id === flag.id) continue;
        if (other.flag.archivedAt !== null) archived.add(other.flag.key);
        else {
          const otherConfig = other.config ? flagConfigRecord(other.config) : defaultFlagConfig(other.flag);
          flags[other.flag.key] = sdkFlag(other.flag, otherConfig);
        }
      }
    }
    let segments: Record<string, Segment> | undefined;
    if (
      config.rules.some((r) => Array.isArray(r?.clauses) && r.clauses.some((c) => c?.op === 'segmentMatch'))
    ) {
      // validateFlag only asks whether a segment exists; its (possibly huge) key lists stay unread.
      const keys = await this.repository.segmentKeys(db, environment.projectId);
      segments = Object.fromEntries(keys.map((key) => [key, { key, included: [], excluded: [], rules: [] }]));
    }
    const problems = validateFlag(sdkFlag(flag, config), {
      ...(flags ? { flags } : {}),
      ...(segments ? { segments } : {}),
    }).map((p) => explainArchivedPrerequisite(p, config, archived));
    return mergeProblems(localConfigProblems(config), problems);
  }

  /**
   * Every problem a changed definition makes: of the definition itself (paths into the input) and,
   * at `/variations`, every variation still used by a configuration of this flag or by another
   * flag's prerequisite.
   */
  async definitionProblems(
    db: EntityManager,
    environments: readonly EnvironmentEntity[],
    flag: FlagEntity,
  ): Promise<InputProblem[]> {
    const envKey = new Map(environments.map((e) => [e.id, e.key]));
    const found: InputProblem[] = validateFlag(sdkFlag(flag, defaultFlagConfig(flag))).filter(
      (p) => !isConfigPath(p.path),
    );
    for (const row of await this.repository.configsOf(db, [flag.id])) {
      for (const p of validateFlag(sdkFlag(flag, flagConfigRecord(row)))) {
        if (!isConfigPath(p.path)) found.push(p);
        else if (p.code === 'UNKNOWN_VARIATION') {
          found.push({
            path: '/variations',
            code: 'VARIATION_IN_USE',
            message: `${p.message}: still used in ${envKey.get(row.environmentId) ?? 'an environment'} at ${p.path}`,
          });
        }
      }
    }
    const keys = new Set(flag.variations.map((v) => v.key));
    for (const use of await this.repository.prerequisiteUses(db, flag.projectId, flag.key)) {
      for (const p of use.prerequisites) {
        if (p.flag !== flag.key || keys.has(p.variation)) continue;
        found.push({
          path: '/variations',
          code: 'VARIATION_IN_USE',
          message: `no variation ${p.variation}: flag ${use.flag} needs it as a prerequisite in ${envKey.get(use.environmentId) ?? 'an environment'}`,
        });
      }
    }
    // Several messages at one path are all worth reading, so only exact repeats go.
    const seen = new Set<string>();
    return found.filter((p) => {
      const id = `${p.path} ${p.code} ${p.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }
}

/** What sdk-core cannot know: the prerequisite it cannot find exists, but is archived. */
function explainArchivedPrerequisite(
  p: Problem,
  config: FlagConfigRecord,
  archived: ReadonlySet<string>,
): Problem {
  const match = /^\/prerequisites\/(\d+)$/.exec(p.path);
  const named = match ? config.prerequisites[Number(match[1])]?.flag : undefined;
  if (p.code !== 'UNKNOWN_PREREQUISITE' || named === undefined || !archived.has(named)) return p;
  return { ...p, message: `prerequisite flag ${named} is archived` };
}

/** Bounds sdk-core leaves to the host: lengths of free text. */
function localConfigProblems(config: FlagConfigRecord): InputProblem[] {
  const problems: InputProblem[] = [];
  if (config.salt !== null && config.salt.length > MAX_SALT_LENGTH) {
    problems.push({ path: '/salt', code: 'TOO_LONG', message: `at most ${MAX_SALT_LENGTH} characters` });
  }
  config.rules.forEach((r, i) => {
    if (typeof r?.description === 'string' && r.description.length > MAX_DESCRIPTION_LENGTH) {
      problems.push({
        path: `/rules/${i}/description`,
        code: 'TOO_LONG',
        message: `at most ${MAX_DESCRIPTION_LENGTH} characters`,
      });
    }
  });
  return problems;
}

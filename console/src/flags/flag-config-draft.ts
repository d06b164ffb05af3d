import type { FlagConfigFieldsFragment } from '../graphql/generated/graphql.js';
import { clauseDraftOf, type ClauseDraft } from '../targeting/clause-draft.js';

export interface RolloutDraft {
  bucketBy?: string;
  weights: Array<{ variation: string; weight: number }>;
}

/** Exactly one of the two, as the API wants it. */
export type ServeDraft = { variation: string } | { rollout: RolloutDraft };

export interface RuleDraft {
  id: string;
  description?: string;
  clauses: ClauseDraft[];
  serve: ServeDraft;
}

/**
 * A flag's configuration in one environment as the editor holds it: the shape of the API's
 * FlagConfigInput, so what is diffed before saving is exactly what is sent.
 */
export interface FlagConfigDraft {
  enabled: boolean;
  offVariation: string | null;
  targets: Array<{ variation: string; values: string[] }>;
  rules: RuleDraft[];
  fallthrough: ServeDraft;
  prerequisites: Array<{ flag: string; variation: string }>;
  salt: string | null;
}

type StoredServe = FlagConfigFieldsFragment['fallthrough'];

function serveDraft(serve: StoredServe): ServeDraft {
  if (serve.rollout) {
    const weights = serve.rollout.weights.map((w) => ({ variation: w.variation, weight: w.weight }));
    return { rollout: serve.rollout.bucketBy ? { bucketBy: serve.rollout.bucketBy, weights } : { weights } };
  }
  return { variation: serve.variation ?? '' };
}

/** The editor's copy of a stored configuration. */
export function draftOf(config: FlagConfigFieldsFragment): FlagConfigDraft {
  return {
    enabled: config.enabled,
    offVariation: config.offVariation,
    targets: config.targets.map((t) => ({ variation: t.variation, values: [...t.values] })),
    rules: config.rules.map((rule) => ({
      id: rule.id,
      ...(rule.description ? { description: rule.description } : {}),
      clauses: rule.clauses.map(clauseDraftOf),
      serve: serveDraft(rule.serve),
    })),
    fallthrough: serveDraft(config.fallthrough),
    prerequisites: config.prerequisites.map((p) => ({ flag: p.flag, variation: p.variation })),
    salt: config.salt,
  };
}

/** A random rule id (the API's rule ids are keys: letters, digits, - and _). */
export function newRuleId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `rule-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

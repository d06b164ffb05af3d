import { graphql } from '../graphql/generated/gql.js';

/**
 * What the rollout plan pages read of a plan (RolloutPlanFieldsFragment): the list and the detail
 * view spread it by name, so an action's answer refreshes either the same way.
 */
export const RolloutPlanFields = graphql(`
  fragment RolloutPlanFields on RolloutPlan {
    id
    flag
    application
    environment
    minVersion
    onVariation
    offVariation
    onFailure
    status
    statusReason
    currentStep
    percent
    progress
    nextActionAt
    stepStartedAt
    createdAt
    createdBy
    steps {
      percent
      bakeSeconds
      requiresApproval
    }
    deployment {
      id
      version
      status
    }
  }
`);

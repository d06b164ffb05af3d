import { graphql } from '../graphql/generated/gql.js';

/**
 * What the flag page reads of one environment's configuration (FlagConfigFieldsFragment), and
 * what a rule or the default rule serves. Queries spread them by name; the generated documents
 * carry their text, so nothing imports these at run time.
 */
export const FlagServeFields = graphql(`
  fragment FlagServeFields on FlagServe {
    variation
    rollout {
      bucketBy
      weights {
        variation
        weight
      }
    }
  }
`);

export const FlagConfigFields = graphql(`
  fragment FlagConfigFields on FlagConfig {
    environment
    enabled
    offVariation
    salt
    version
    updatedAt
    rolloutShare
    targets {
      variation
      values
    }
    rules {
      id
      description
      clauses {
        attribute
        op
        negate
        values
      }
      serve {
        ...FlagServeFields
      }
    }
    fallthrough {
      ...FlagServeFields
    }
    prerequisites {
      flag
      variation
    }
  }
`);

import { graphql } from '../graphql/generated/gql.js';

export const ProjectsQuery = graphql(`
  query Projects {
    projects {
      key
      name
    }
  }
`);

import { Foundation1764300000000 } from './1764300000000-foundation.js';
import { AdminDomain1764400000000 } from './1764400000000-admin-domain.js';
import { FlagEvaluations1764500000000 } from './1764500000000-flag-evaluations.js';
import { ReleaseRecords1764600000000 } from './1764600000000-release-records.js';
import { RolloutPlans1764700000000 } from './1764700000000-rollout-plans.js';

/** Every migration, oldest first. A new migration is added here and nowhere else. */
export const migrations = [
  Foundation1764300000000,
  AdminDomain1764400000000,
  FlagEvaluations1764500000000,
  ReleaseRecords1764600000000,
  RolloutPlans1764700000000,
];

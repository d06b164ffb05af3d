import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollout plans: a flag in an environment ramped through steps once a deployment of an
 * application at or above a version has succeeded there, and the history of what each plan did.
 * At most one plan per (environment, flag) is active (not completed or cancelled).
 */
export class RolloutPlans1764700000000 implements MigrationInterface {
  name = 'RolloutPlans1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rollout_plans (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        flag_id uuid NOT NULL REFERENCES flags (id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        min_version text NOT NULL CHECK (length(min_version) BETWEEN 1 AND 256),
        on_variation text NOT NULL,
        off_variation text NOT NULL,
        steps jsonb NOT NULL,
        on_failure text NOT NULL CHECK (on_failure IN ('pause', 'rollback')),
        status text NOT NULL CHECK (status IN
          ('waiting', 'ramping', 'awaiting_approval', 'paused', 'rolled_back', 'completed', 'cancelled')),
        status_reason text,
        step integer NOT NULL CHECK (step >= 0),
        weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100000),
        step_started_at timestamptz,
        next_action_at timestamptz,
        watch_since timestamptz,
        deployment_id uuid REFERENCES deployments (id) ON DELETE SET NULL,
        flag_config_version integer NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX rollout_plans_one_active_idx ON rollout_plans (environment_id, flag_id)
        WHERE status NOT IN ('completed', 'cancelled');
      CREATE INDEX rollout_plans_live_idx ON rollout_plans (application_id, environment_id)
        WHERE status IN ('waiting', 'ramping', 'awaiting_approval');
      CREATE INDEX rollout_plans_project_idx ON rollout_plans (project_id, created_at DESC);

      CREATE TABLE rollout_plan_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES rollout_plans (id) ON DELETE CASCADE,
        kind text NOT NULL,
        cause text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        step integer NOT NULL,
        weight integer NOT NULL,
        actor text NOT NULL,
        message text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX rollout_plan_events_plan_idx ON rollout_plan_events (plan_id, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE rollout_plan_events;
      DROP TABLE rollout_plans;
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evaluation counts SDKs report, per environment, flag, variant and day: what makes a flag stale. */
export class FlagEvaluations1764500000000 implements MigrationInterface {
  name = 'FlagEvaluations1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE flag_evaluations (
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        flag_key text NOT NULL,
        variant text NOT NULL,
        day date NOT NULL,
        count bigint NOT NULL CHECK (count > 0),
        last_evaluated_at timestamptz NOT NULL,
        PRIMARY KEY (environment_id, flag_key, day, variant)
      );
      CREATE INDEX flag_evaluations_recent_idx ON flag_evaluations (environment_id, flag_key, last_evaluated_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE flag_evaluations');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Release records that pipelines report through the REST hooks: applications, immutable
 * artifacts, releases promoted through stages, deployments into environments with their status
 * timeline, and health signals. Also what the hooks themselves keep: idempotency keys, recently
 * seen request signatures (replay protection) and the sealed signing secrets of pipeline tokens.
 */
export class ReleaseRecords1764600000000 implements MigrationInterface {
  name = 'ReleaseRecords1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, key)
      );

      CREATE TABLE artifacts (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        version text NOT NULL CHECK (length(version) BETWEEN 1 AND 256),
        commit_sha text,
        image_digest text,
        build_url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        UNIQUE (application_id, version)
      );

      CREATE TABLE releases (
        id uuid PRIMARY KEY,
        artifact_id uuid NOT NULL UNIQUE REFERENCES artifacts (id) ON DELETE CASCADE,
        stage text NOT NULL CHECK (stage IN ('alpha', 'beta', 'rc', 'stable')),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE release_promotions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        release_id uuid NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
        from_stage text CHECK (from_stage IN ('alpha', 'beta', 'rc', 'stable')),
        to_stage text NOT NULL CHECK (to_stage IN ('alpha', 'beta', 'rc', 'stable')),
        actor text NOT NULL,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX release_promotions_release_idx ON release_promotions (release_id, id);

      CREATE TABLE deployments (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        artifact_id uuid NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
        version text NOT NULL,
        strategy jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('started', 'succeeded', 'failed', 'rolled_back')),
        pipeline_run_url text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL
      );
      CREATE INDEX deployments_timeline_idx ON deployments (environment_id, application_id, started_at DESC);
      CREATE INDEX deployments_environment_idx ON deployments (environment_id, started_at DESC, id DESC);

      CREATE TABLE deployment_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        deployment_id uuid NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('started', 'succeeded', 'failed', 'rolled_back')),
        details jsonb,
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX deployment_events_deployment_idx ON deployment_events (deployment_id, id);

      CREATE TABLE health_signals (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('ok', 'breach')),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL
      );
      CREATE INDEX health_signals_recent_idx ON health_signals (application_id, environment_id, created_at DESC);

      CREATE TABLE idempotency_keys (
        token_id uuid NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('in_progress', 'done')),
        lease uuid,
        locked_at timestamptz,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (token_id, key),
        CHECK ((status = 'in_progress') = (lease IS NOT NULL)),
        CHECK ((status = 'done') = (response_status IS NOT NULL))
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

      CREATE TABLE hook_signatures (
        token_id uuid NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
        signature text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (token_id, signature)
      );
      CREATE INDEX hook_signatures_expires_idx ON hook_signatures (expires_at);

      CREATE TABLE pipeline_signing_secrets (
        token_id uuid PRIMARY KEY REFERENCES tokens (id) ON DELETE CASCADE,
        ciphertext bytea NOT NULL,
        key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE pipeline_signing_secrets;
      DROP TABLE hook_signatures;
      DROP TABLE idempotency_keys;
      DROP TABLE health_signals;
      DROP TABLE deployment_events;
      DROP TABLE deployments;
      DROP TABLE release_promotions;
      DROP TABLE releases;
      DROP TABLE artifacts;
      DROP TABLE applications;
    `);
  }
}

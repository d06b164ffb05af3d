import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Projects, their environments (each with its monotonic change version), and access tokens. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE environments (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        color text NOT NULL DEFAULT '#808080',
        sort_order integer NOT NULL DEFAULT 0,
        protected boolean NOT NULL DEFAULT false,
        version bigint NOT NULL DEFAULT 0,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, key)
      );

      CREATE TABLE tokens (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('admin', 'server', 'client', 'pipeline')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        prefix text NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        role text CHECK (role IN ('viewer', 'editor', 'owner')),
        project_id uuid REFERENCES projects (id) ON DELETE CASCADE,
        environment_id uuid REFERENCES environments (id) ON DELETE CASCADE,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK ((kind = 'admin') = (role IS NOT NULL)),
        CHECK ((kind IN ('server', 'client')) = (environment_id IS NOT NULL))
      );
      CREATE INDEX tokens_project_idx ON tokens (project_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE tokens;
      DROP TABLE environments;
      DROP TABLE projects;
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flags (project-wide definition plus one configuration per environment), segments, typed
 * configuration with encrypted secrets, the revision log, and the per-environment change feed that
 * SDK delivery reads patches from.
 */
export class AdminDomain1764400000000 implements MigrationInterface {
  name = 'AdminDomain1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE flags (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('boolean', 'string', 'number', 'json')),
        variations jsonb NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        owner text,
        temporary boolean NOT NULL DEFAULT true,
        client_side boolean NOT NULL DEFAULT false,
        metadata jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, key)
      );
      CREATE INDEX flags_tags_idx ON flags USING gin (tags);

      CREATE TABLE flag_configs (
        flag_id uuid NOT NULL REFERENCES flags (id) ON DELETE CASCADE,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT false,
        off_variation text,
        targets jsonb NOT NULL DEFAULT '[]',
        rules jsonb NOT NULL DEFAULT '[]',
        fallthrough jsonb NOT NULL,
        prerequisites jsonb NOT NULL DEFAULT '[]',
        salt text,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (flag_id, environment_id)
      );
      CREATE INDEX flag_configs_environment_idx ON flag_configs (environment_id);

      CREATE TABLE segments (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        included text[] NOT NULL DEFAULT '{}',
        excluded text[] NOT NULL DEFAULT '{}',
        rules jsonb NOT NULL DEFAULT '[]',
        salt text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, key)
      );

      CREATE TABLE config_entries (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$'),
        type text NOT NULL CHECK (type IN ('string', 'number', 'boolean', 'json')),
        description text NOT NULL DEFAULT '',
        value jsonb,
        secret boolean NOT NULL DEFAULT false,
        ciphertext bytea,
        key_id text,
        client_side boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (environment_id, key),
        CHECK (secret = (ciphertext IS NOT NULL)),
        CHECK (secret = (value IS NULL)),
        CHECK (NOT (secret AND client_side))
      );

      CREATE TABLE revisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        environment_id uuid REFERENCES environments (id) ON DELETE CASCADE,
        entity_type text NOT NULL,
        entity_key text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        actor text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX revisions_entity_idx ON revisions (project_id, entity_type, entity_key, id DESC);
      CREATE INDEX revisions_environment_idx ON revisions (environment_id, id DESC);

      CREATE TABLE environment_changes (
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        version bigint NOT NULL,
        entity_type text NOT NULL,
        entity_key text NOT NULL,
        revision_id bigint NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,
        PRIMARY KEY (environment_id, version, entity_type, entity_key)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE environment_changes;
      DROP TABLE revisions;
      DROP TABLE config_entries;
      DROP TABLE segments;
      DROP TABLE flag_configs;
      DROP TABLE flags;
    `);
  }
}

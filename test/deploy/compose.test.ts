import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// Docker is not on the development machines: these checks keep the deployment files from rotting.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

interface Service {
  build?: unknown;
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
  volumes?: string[];
  ports?: string[];
}
const compose = parse(read('docker-compose.yml')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('has the server, postgres and redis services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'redis', 'server']);
  });

  it('builds the server from the Dockerfile and publishes port 4000', () => {
    const server = compose.services.server;
    expect(server.build).toBe('.');
    expect(server.ports).toContain('4000:4000');
  });

  it('points the server at its postgres and redis services', () => {
    const { environment } = compose.services.server;
    const database = new URL(environment!.DATABASE_URL);
    expect(database.protocol).toBe('postgres:');
    expect(database.hostname).toBe('postgres');
    const postgres = compose.services.postgres.environment!;
    expect(decodeURIComponent(database.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(database.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(database.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    expect(new URL(environment!.REDIS_URL).hostname).toBe('redis');
  });

  it('starts the server only once postgres and redis are healthy', () => {
    expect(compose.services.server.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    for (const name of ['server', 'postgres', 'redis']) {
      expect(compose.services[name].healthcheck?.test).toBeDefined();
    }
  });

  it('keeps postgres data in a named volume', () => {
    const [volume] = compose.services.postgres.volumes ?? [];
    const [name, path] = volume.split(':');
    expect(path).toBe('/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty(name);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds in one stage and runs from another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)).toMatch(/COPY --from=build/);
  });

  it('runs as a non-root user', () => {
    const user = /^USER (\S+)/m.exec(stages.at(-1)!)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('installs every workspace that the server build needs from its manifest', () => {
    const serverDeps = Object.keys(
      (JSON.parse(read('server/package.json')) as { dependencies: Record<string, string> }).dependencies,
    ).filter((name) => name.startsWith('@flagstaff/'));
    for (const dep of serverDeps) {
      const folder = dep.replace('@flagstaff/', '');
      expect(dockerfile).toContain(`COPY ${folder}/package.json ${folder}/`);
      expect(dockerfile).toContain(`COPY --from=build /app/${folder}/dist ${folder}/dist`);
    }
  });

  it('copies the manifest of every workspace before npm ci, so the lockfile install works', () => {
    const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
    const install = dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'));
    for (const workspace of workspaces)
      expect(install).toContain(`COPY ${workspace}/package.json ${workspace}/`);
  });

  it('builds the console and ships its static files, which the server serves at /', () => {
    const build = dockerfile.slice(0, dockerfile.indexOf('FROM node:20-bookworm-slim AS runtime'));
    expect(build).toContain('COPY console console');
    expect(dockerfile).toContain('COPY --from=build /app/console/dist console/dist');
  });

  it('starts the built server', () => {
    expect(dockerfile).toMatch(/^CMD \["node", "server\/dist\/main\.js"\]/m);
  });
});

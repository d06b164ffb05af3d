import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.js';
import { ConfigError } from './config-error.js';

const cwd = '/srv/flagstaff';

function problemWith(env: Record<string, string>): string {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs on the embedded default when nothing is set', () => {
    const config = loadConfig({}, { cwd, isTerminal: false });
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: '/srv/flagstaff/.flagstaff',
      secretKey: undefined,
      logLevel: 'info',
      logFormat: 'json',
      publicUrl: undefined,
      rolloutTickMs: 5000,
    });
  });

  it('logs pretty lines in a terminal unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}, { cwd, isTerminal: true }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }, { cwd, isTerminal: true }).logFormat).toBe('json');
  });

  it('reads Postgres, Redis, the data folder and the secret key', () => {
    const key = 'ab'.repeat(32);
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://flagstaff:pw@db:5432/flagstaff',
        REDIS_URL: 'redis://cache:6379',
        FLAGSTAFF_DATA_DIR: 'var/data',
        FLAGSTAFF_SECRET_KEY: key,
        LOG_LEVEL: 'DEBUG',
      },
      { cwd },
    );
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://flagstaff:pw@db:5432/flagstaff');
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(config.dataDir).toBe('/srv/flagstaff/var/data');
    expect(config.secretKey?.toString('hex')).toBe(key);
    expect(config.logLevel).toBe('debug');
  });

  it('accepts a base64 secret key of 32 bytes', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ FLAGSTAFF_SECRET_KEY: key.toString('base64') }, { cwd }).secretKey).toEqual(key);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ DATABASE_URL: 'mysql://db/flagstaff' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL (expected postgres://…)'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL must start with redis:// or rediss://'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [{ FLAGSTAFF_SECRET_KEY: 'short' }, 'FLAGSTAFF_SECRET_KEY must be 32 bytes'],
    [{ FLAGSTAFF_SHUTDOWN_GRACE_MS: '-1' }, 'FLAGSTAFF_SHUTDOWN_GRACE_MS must be an integer'],
    [{ FLAGSTAFF_ROLLOUT_TICK_MS: '10' }, 'FLAGSTAFF_ROLLOUT_TICK_MS must be an integer from 100 to 3600000'],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(problemWith(env)).toContain(message);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }, { cwd })).toMatchObject({
      databaseUrl: undefined,
      port: 4000,
    });
  });
});

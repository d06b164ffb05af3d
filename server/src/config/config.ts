import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from './config-error.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type LogFormat = 'json' | 'pretty';

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Where people reach this server, for the links it prints; undefined → http://localhost:<port>. */
  readonly publicUrl: string | undefined;
  /** Postgres connection string; undefined → embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  /** Redis connection string; undefined → in-process bus (one instance only). */
  readonly redisUrl: string | undefined;
  readonly dataDir: string;
  /** 32-byte key for secrets at rest; undefined → a key file in dataDir (embedded default only). */
  readonly secretKey: Buffer | undefined;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  /** How long in-flight work may take after SIGTERM before the process gives up and exits. */
  readonly shutdownGraceMs: number;
  /** How often each instance looks at rollout plans (bakes that ended, deployments, health). */
  readonly rolloutTickMs: number;
}

export type Environment = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

/**
 * Reads the whole configuration from the environment, the only place that does. Throws a
 * ConfigError naming the first bad variable.
 */
export function loadConfig(env: Environment, options: { isTerminal?: boolean; cwd?: string } = {}): Config {
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const host = text(env, 'HOST') ?? '0.0.0.0';
  return {
    host,
    port,
    publicUrl: url(env, 'FLAGSTAFF_PUBLIC_URL', ['http:', 'https:']),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir: directory(env, 'FLAGSTAFF_DATA_DIR', '.flagstaff', options.cwd ?? process.cwd()),
    secretKey: secretKey(env, 'FLAGSTAFF_SECRET_KEY'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', LOG_FORMATS, options.isTerminal ? 'pretty' : 'json'),
    shutdownGraceMs: integer(env, 'FLAGSTAFF_SHUTDOWN_GRACE_MS', 8000, 0, 60_000),
    rolloutTickMs: integer(env, 'FLAGSTAFF_ROLLOUT_TICK_MS', 5000, 100, 3_600_000),
  };
}

function text(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Environment, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase() as T;
  if (!allowed.includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return value;
}

function url(env: Environment, name: string, protocols: readonly string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected ${protocols[0]}//…)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function directory(env: Environment, name: string, fallback: string, cwd: string): string {
  const raw = text(env, name) ?? fallback;
  return isAbsolute(raw) ? raw : resolve(cwd, raw);
}

function secretKey(env: Environment, name: string): Buffer | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(name, 'must be 32 bytes, as 64 hex characters or base64 (openssl rand -hex 32)');
  }
  return key;
}

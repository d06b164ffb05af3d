// The logger the client writes to. Any object with these methods fits (console, pino, winston,
// OpenFeature's Logger); missing methods are skipped, and a logger that throws is ignored.

export interface FlagstaffLogger {
  debug?(...args: unknown[]): void;
  info?(...args: unknown[]): void;
  warn?(...args: unknown[]): void;
  error?(...args: unknown[]): void;
}

export type LogLevel = keyof FlagstaffLogger;

/** The default: warnings and errors to the console, prefixed; nothing below. */
export const consoleLogger: FlagstaffLogger = {
  warn: (...args) => console.warn('[flagstaff]', ...args),
  error: (...args) => console.error('[flagstaff]', ...args),
};

/** Calls a logger without letting it throw into the client (and from there into the host). */
export class SafeLogger implements Required<FlagstaffLogger> {
  declare readonly debug: (...args: unknown[]) => void;
  declare readonly info: (...args: unknown[]) => void;
  declare readonly warn: (...args: unknown[]) => void;
  declare readonly error: (...args: unknown[]) => void;

  constructor(target: FlagstaffLogger) {
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      (this as Record<LogLevel, unknown>)[level] = (...args: unknown[]) => {
        try {
          target[level]?.(...args);
        } catch {
          // A broken logger must not break flag delivery.
        }
      };
    }
  }
}

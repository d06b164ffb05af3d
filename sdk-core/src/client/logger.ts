// The logger the client writes to. Any object with these methods fits (console, pino, winston,
// OpenFeature's Logger); missing methods are skipped, and a logger that throws is ignored.

export interface FlagstaffLogger {
  debug?(...args: unknown[]): void;
  info?(...args: unknown[]): void;
  warn?(...args: unknown[]): void;
  error?(...args: unknown[]): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The default: warnings and errors to the console, prefixed; nothing below. */
export const consoleLogger: FlagstaffLogger = {
  warn: (...args) => console.warn('[flagstaff]', ...args),
  error: (...args) => console.error('[flagstaff]', ...args),
};

/** Calls a logger without letting it throw into the client (and from there into the host). */
export class SafeLogger {
  readonly #target: FlagstaffLogger;

  constructor(target: FlagstaffLogger) {
    this.#target = target;
  }

  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }

  #write(level: LogLevel, args: unknown[]): void {
    try {
      const method = this.#target[level];
      if (typeof method === 'function') method.apply(this.#target, args);
    } catch {
      // A broken logger must not break flag delivery.
    }
  }
}

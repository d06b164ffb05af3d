import { PGlite, types } from '@electric-sql/pglite';
import { EventEmitter } from 'node:events';
import { readPGliteSeed } from './pglite-seed.js';

type Callback<T> = (error: Error | null, value?: T) => void;
type ConnectCallback = (error: Error | null, client: PGliteClient | null, release: () => void) => void;

interface QueryResult {
  rows: unknown[];
  rowCount: number;
  command: string | undefined;
}

/**
 * A `pg`-shaped pool over one embedded PGlite database, for TypeORM's postgres driver.
 *
 * PGlite is a single session, so the pool lends its one client to one borrower at a time (a
 * transaction owns it until release) and queues the rest. Sharing the session instead would let
 * one transaction's BEGIN swallow another request's queries.
 */
export class PGlitePool extends EventEmitter {
  private readonly client: PGliteClient;
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly db: PGlite,
    private readonly onEnd: () => Promise<void> = async () => {},
  ) {
    super();
    this.client = new PGliteClient(db);
  }

  connect(callback: ConnectCallback): void {
    if (this.closed) {
      callback(new Error('PGlite pool is closed'), null, () => {});
      return;
    }
    const lend = () => {
      this.busy = true;
      let released = false;
      callback(null, this.client, () => {
        if (released) return;
        released = true;
        this.handOver();
      });
    };
    if (this.busy) this.waiting.push(lend);
    else lend();
  }

  end(callback?: (error?: Error | null) => void): void {
    this.closed = true;
    this.db
      .close()
      .then(this.onEnd)
      .then(
        () => callback?.(null),
        (error: Error) => callback?.(error),
      );
  }

  private handOver(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  query(
    sql: string,
    params?: unknown[] | Callback<QueryResult>,
    callback?: Callback<QueryResult>,
  ): Promise<QueryResult> {
    const cb = typeof params === 'function' ? params : callback;
    const values = Array.isArray(params) ? params : [];
    // Without parameters a string may hold several statements (migrations do): exec runs them all.
    const run =
      values.length > 0
        ? this.db.query(sql, values).then(toResult)
        : this.db.exec(sql).then((results) => toResult(results[results.length - 1]));
    run.then(
      (result) => cb?.(null, result),
      (error: Error) => cb?.(error),
    );
    return run;
  }
}

function toResult(
  result: { rows: unknown[]; affectedRows?: number; command?: string } | undefined,
): QueryResult {
  if (!result) return { rows: [], rowCount: 0, command: undefined };
  return {
    rows: result.rows,
    rowCount: result.command === 'SELECT' ? result.rows.length : (result.affectedRows ?? result.rows.length),
    command: result.command,
  };
}

/** Opens (creating on first use) the embedded database in `dataDir`; `memory://` keeps it in memory. */
export async function openPGlite(dataDir: string): Promise<PGlite> {
  const seed = dataDir === 'memory://' ? undefined : await readPGliteSeed(dataDir);
  return PGlite.create({
    dataDir,
    ...(seed ? { loadDataDir: seed } : {}),
    // Same shapes as `pg` gives, so code and tests see one kind of row on both databases.
    parsers: { [types.INT8]: (value: string) => value },
  });
}

/** What TypeORM's `driver` option expects: a module with a `Pool` class. `onEnd` runs after closing. */
export function pgliteDriver(db: PGlite, onEnd?: () => Promise<void>): { Pool: new () => PGlitePool } {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(db, onEnd);
      }
    },
  };
}

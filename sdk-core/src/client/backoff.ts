// Reconnection delays: exponential from a base (1 s) to a ceiling (30 s) with "full jitter"
// (a uniform draw below the exponential bound), so clients cut off together do not return together.

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

export class Backoff {
  private attempt = 0;
  private baseMs = BACKOFF_BASE_MS;

  constructor(
    private readonly random: () => number,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  /** Failed attempts since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The bound of the next delay: min(max, base · 2^attempts). */
  ceiling(): number {
    return Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
  }

  /** The delay before the next attempt, uniform in [0, ceiling); counts one more attempt. */
  next(): number {
    const ceiling = this.ceiling();
    this.attempt++;
    const r = this.random();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
    return Math.min(ceiling - 1, Math.floor(unit * ceiling));
  }

  reset(): void {
    this.attempt = 0;
  }

  /**
   * The server's `retry:` hint becomes the base, kept within [1 s, ceiling]: a server may slow its
   * clients down, never speed them up past the documented schedule.
   */
  setBase(ms: number): void {
    this.baseMs = Math.min(this.maxMs, Math.max(BACKOFF_BASE_MS, ms));
  }
}

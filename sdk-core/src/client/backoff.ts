// Reconnection delays: exponential from a base (1 s) to a ceiling (30 s) with "full jitter"
// (a uniform draw below the exponential bound), so clients cut off together do not return together.

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

export class Backoff {
  /** Failed attempts since the last reset. */
  #attempts = 0;
  #baseMs = BACKOFF_BASE_MS;
  readonly #random: () => number;
  readonly #maxMs: number;

  constructor(random: () => number, maxMs = BACKOFF_MAX_MS) {
    this.#random = random;
    this.#maxMs = maxMs;
  }

  /** The delay before the next attempt, uniform below min(max, base · 2^attempts); counts one more attempt. */
  next(): number {
    const ceiling = Math.min(this.#maxMs, this.#baseMs * 2 ** Math.min(this.#attempts++, 30));
    const r = this.#random();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
    return Math.min(ceiling - 1, Math.floor(unit * ceiling));
  }

  reset(): void {
    this.#attempts = 0;
  }

  /**
   * The server's `retry:` hint becomes the base, kept within [1 s, ceiling]: a server may slow its
   * clients down, never speed them up past the documented schedule.
   */
  setBase(ms: number): void {
    this.#baseMs = Math.min(this.#maxMs, Math.max(BACKOFF_BASE_MS, ms));
  }
}

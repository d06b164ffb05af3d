/** Says yes at most once per `intervalMs`: for clean-ups that ride along with requests. */
export class Occasionally {
  private last = 0;

  constructor(private readonly intervalMs: number) {}

  due(now = Date.now()): boolean {
    if (now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }
}

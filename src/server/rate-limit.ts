/**
 * Fixed-window request counters per key (a client's address, or one key for everyone), kept in memory
 * with a bound on the keys held: a flood of new addresses evicts the oldest windows, never grows memory
 * without end. A server process counts its own requests (behind a balancer of M servers, each allows
 * its share).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts a request; returns 0 when it is allowed, else the seconds until the window ends. */
  take(key: string, now = Date.now()): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.delete(key);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      this.evict();
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    w.count++;
    return 0;
  }

  /** Past the bound, the oldest windows go first (a Map keeps the order they were opened in). */
  private evict(): void {
    for (const k of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}

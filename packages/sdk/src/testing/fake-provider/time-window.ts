/**
 * Timestamps within a sliding window, kept in arrival order. Cheap: an array with a moving head,
 * compacted now and then.
 */
export class TimeWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  /** Drops entries older than the window and returns how many remain. */
  count(now: number): number {
    const cutoff = now - this.windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.times.push(now);
  }

  /** Milliseconds until the oldest entry leaves the window (0 when empty). */
  msUntilFree(now: number): number {
    if (this.count(now) === 0) return 0;
    return Math.max(1, this.times[this.head]! + this.windowMs - now);
  }
}

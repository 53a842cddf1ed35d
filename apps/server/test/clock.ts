import type { Clock } from '@esep/domain';

/**
 * The clock a test gives the server. It follows the wall clock (so the suite runs at whatever
 * date it is run on, including under faketime in CI) until the test sets it; from then on it
 * stands still at the set instant until set or advanced again.
 */
export class TestClock implements Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Stops the clock at this instant (an ISO string with its offset, or a Date). */
  set(at: Date | string): this {
    const instant = new Date(at);
    if (Number.isNaN(instant.getTime())) throw new Error(`TestClock.set: not an instant: ${String(at)}`);
    this.fixed = instant;
    return this;
  }

  /** Moves the (stopped) clock on; a running clock is stopped at now + ms. */
  advance(ms: number): this {
    return this.set(new Date(this.now().getTime() + ms));
  }

  /** Back to the wall clock. */
  release(): this {
    this.fixed = null;
    return this;
  }
}

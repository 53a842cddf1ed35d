import type { PacerClock } from '../../src/notifications/channels/telegram.pacer.ts';

/**
 * A clock for the Telegram pacer that stands still until the test moves it; `sleep` moves it
 * at once and records the wait, so pacing is checked without waiting for it.
 */
export class VirtualClock implements PacerClock {
  t = 0;
  readonly sleeps: number[] = [];
  now(): number { return this.t; }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.t += ms;
  }
}

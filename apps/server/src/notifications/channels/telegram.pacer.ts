import { systemClock } from '../../clock.ts';

/*
 * Issue 12: Telegram's limits for bots — about one message a second to one chat and about 30 a
 * second in all (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 * Past them the Bot API answers 429 and then holds the bot back for longer, so the channel keeps
 * under them itself instead of leaning on retries.
 *
 * Why our own small scheduler and not grammY's throttler transformer
 * (@grammyjs/transformer-throttler): the transformer queues calls in Bottleneck, whose waiting
 * jobs do not end when the delivery's AbortSignal fires (a delivery that timed out while queued
 * would still be sent later, after the worker recorded it as failed), it runs on Bottleneck's
 * own timers so a test can only check it by waiting in real time, and it brings a dependency
 * that is no longer maintained. This one is a slot reservation (about 60 lines): each send gets
 * the earliest moment that keeps 1 s from the previous send to its chat and 1/30 s from any
 * other send, waits for it through an injectable clock, and gives up the wait on abort.
 *
 * The limits are per process: two server processes sending to Telegram would each keep 30/s.
 * Esep's delivery worker runs in one process at a time, which is what the limits assume.
 */

export interface PacerClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time: the pacer keeps the provider's limits, which run on the wall clock (clock.ts). */
export const wallPacerClock: PacerClock = {
  now: () => systemClock.now().getTime(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => { clearTimeout(timer); reject(signal!.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  }),
};

export interface PacerLimits {
  /** Least time between two sends to one chat. */
  perChatGapMs: number;
  /** Most sends a second in all. */
  perSecond: number;
}

export const TELEGRAM_LIMITS: PacerLimits = { perChatGapMs: 1000, perSecond: 30 };

export class Pacer {
  /** Reserved send moments, ascending; those older than one global gap are dropped. */
  private readonly slots: number[] = [];
  /** Each chat's latest reserved moment. */
  private readonly lastByChat = new Map<string, number>();
  private readonly globalGapMs: number;

  constructor(private readonly limits: PacerLimits = TELEGRAM_LIMITS, private readonly clock: PacerClock = wallPacerClock) {
    this.globalGapMs = 1000 / limits.perSecond;
  }

  /**
   * Takes the earliest free moment for a send to `chat` (no earlier than now) and returns it.
   * Sends to other chats fill the gaps, so one busy chat does not hold the others back.
   */
  reserve(chat: string): number {
    const now = this.clock.now();
    this.prune(now);
    let at = Math.max(now, (this.lastByChat.get(chat) ?? -Infinity) + this.limits.perChatGapMs);
    const gap = this.globalGapMs;
    for (const slot of this.slots) {
      if (slot <= at - gap) continue;
      if (slot >= at + gap) break;
      at = slot + gap;
    }
    const index = this.slots.findIndex((s) => s > at);
    this.slots.splice(index === -1 ? this.slots.length : index, 0, at);
    this.lastByChat.set(chat, at);
    return at;
  }

  /** Waits for this chat's turn. A wait given up on abort keeps its slot (at most a second lost). */
  async wait(chat: string, signal?: AbortSignal): Promise<void> {
    const at = this.reserve(chat);
    const delay = at - this.clock.now();
    if (signal?.aborted) throw signal.reason;
    if (delay > 0) await this.clock.sleep(delay, signal);
  }

  /** Telegram said to wait (429 retry_after): nothing more goes to this chat before then. */
  holdChat(chat: string, ms: number): void {
    const until = this.clock.now() + ms - this.limits.perChatGapMs;
    this.lastByChat.set(chat, Math.max(this.lastByChat.get(chat) ?? -Infinity, until));
  }

  private prune(now: number): void {
    while (this.slots.length && this.slots[0]! <= now - this.globalGapMs) this.slots.shift();
    if (this.lastByChat.size > 1000) {
      for (const [chat, at] of this.lastByChat) if (at <= now - this.limits.perChatGapMs) this.lastByChat.delete(chat);
    }
  }
}

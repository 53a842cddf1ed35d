import { CHANNEL_NAMES, type Channel, type ChannelName, type Channels, type OutgoingMessage } from './channel.ts';
import type { Clock } from '@esep/domain';

/*
 * Issue 12: in development no message leaves the machine. Every channel that is not configured is
 * an outbox that keeps the last messages it "sent" in memory; GET /api/v1/dev/outbox shows them,
 * so a developer sees each reminder as its recipient would. Never used in production.
 */
export interface OutboxEntry extends OutgoingMessage { channel: ChannelName; at: Date }

const KEEP = 500;

export class Outbox {
  readonly entries: OutboxEntry[] = [];
  constructor(private readonly clock: Clock) {}

  channel(name: ChannelName): Channel {
    return {
      name,
      idempotent: true,
      validAddress: () => true,
      send: async (message) => {
        this.entries.unshift({ ...message, channel: name, at: this.clock.now() });
        this.entries.length = Math.min(this.entries.length, KEEP);
        return { providerId: `outbox:${message.key}` };
      },
    };
  }

  /** The configured channels, and the outbox for every one that is not. */
  fill(configured: Channels): Channels {
    return Object.fromEntries(CHANNEL_NAMES.map((name) => [name, configured[name] ?? this.channel(name)]));
  }
}

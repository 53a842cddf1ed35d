import { ChannelError, type Channel, type ChannelName, type OutgoingMessage } from '../src/notifications/channel.ts';

/**
 * A channel that records what it is asked to send, for tests of the delivery engine itself (the
 * real channels are tested against their local counterparts in notifications/channels/). It can
 * be told to fail the next sends, temporarily or permanently, or to hang until aborted.
 */
export class RecordingChannel implements Channel {
  readonly sent: OutgoingMessage[] = [];
  private failures: Array<ChannelError | 'hang'> = [];

  constructor(readonly name: ChannelName, readonly idempotent = false, private readonly valid: (address: string) => boolean = () => true) {}

  validAddress(address: string): boolean {
    return this.valid(address);
  }

  /** The next sends fail like this, in order. */
  failNext(...failures: Array<ChannelError | 'hang'>): this {
    this.failures.push(...failures);
    return this;
  }

  async send(message: OutgoingMessage, signal?: AbortSignal) {
    const failure = this.failures.shift();
    if (failure === 'hang') {
      await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new ChannelError('temporary', 'timeout', 'no answer in time')), { once: true }));
    } else if (failure) {
      throw failure;
    }
    this.sent.push(message);
    return { providerId: `${this.name}-${this.sent.length}` };
  }
}

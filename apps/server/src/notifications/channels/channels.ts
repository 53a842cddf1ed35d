import type { NotificationsConfig } from '../../config.ts';
import type { Channels } from '../channel.ts';
import { emailChannel } from './email.channel.ts';
import { smsChannel } from './sms.channel.ts';
import { telegramChannel } from './telegram.channel.ts';
import { whatsappChannel } from './whatsapp.channel.ts';

/*
 * Issue 12: the channels this process sends through, built from the configuration once at
 * start. A channel whose variables are unset is absent from the map: the delivery worker
 * records its deliveries as skipped ("not configured") instead of trying them.
 */
export function createChannels(config: NotificationsConfig): Channels {
  const channels: Channels = {};
  if (config.email) channels.email = emailChannel(config.email);
  if (config.telegram) channels.telegram = telegramChannel(config.telegram);
  if (config.sms) channels.sms = smsChannel(config.sms);
  if (config.whatsapp) channels.whatsapp = whatsappChannel(config.whatsapp);
  return channels;
}

/** Closes what the channels hold open (the SMTP connection pool); one failing does not stop the rest. */
export async function closeChannels(channels: Channels): Promise<void> {
  await Promise.allSettled(Object.values(channels).map((channel) => channel.close?.()));
}

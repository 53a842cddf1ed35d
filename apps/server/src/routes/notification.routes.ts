import {
  DeliveryLog, DeliveryLogQuery, MarkReadBody, MarkReadResult, NotificationList, NotificationListQuery, NotificationSettings, NotificationSettingsBody, Outbox,
} from '@esep/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../services/context.ts';
import { bell, deliveries, markNotificationsRead, mySettings, saveSettings } from '../services/notification/notification.service.ts';

/**
 * Issue 12: the bell, each user's reminder settings, and the delivery log. Reminders guard the
 * deadlines of and R-26 (each carries its rule).
 */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];

  app.get('/api/v1/notifications', {
    schema: { tags, summary: 'My reminders (the bell), newest first, in my language; `unread` counts the unread ones', querystring: NotificationListQuery, response: { 200: NotificationList } },
    config: { access: { authenticated: true } },
  }, async (request) => bell(contextOf(request), request.query));

  app.post('/api/v1/notifications/read', {
    schema: { tags, summary: 'Mark my reminders read: these (`ids`) or all of them', body: MarkReadBody, response: { 200: MarkReadResult } },
    config: { access: { authenticated: true } },
  }, async (request) => markNotificationsRead(contextOf(request), request.body.ids));

  app.get('/api/v1/notifications/settings', {
    schema: { tags, summary: 'How I get reminders: channels, addresses, quiet hours, daily digest', response: { 200: NotificationSettings } },
    config: { access: { authenticated: true } },
  }, async (request) => mySettings(contextOf(request)));

  app.put('/api/v1/notifications/settings', {
    schema: {
      tags, summary: 'Set how I get reminders. Keeping an address (e-mail, phone, chat id) needs my consent (`consent: true` once; 400 consent_required otherwise); a chosen channel needs its address',
      body: NotificationSettingsBody, response: { 200: NotificationSettings },
    },
    config: { access: { authenticated: true } },
  }, async (request) => saveSettings(contextOf(request), request.body));

  app.get('/api/v1/deliveries', {
    schema: { tags, summary: 'The delivery log: every message to staff and (issue 13) to residents\' subscriptions, its state (queued, held, sending, retrying, sent, failed, unknown, skipped), attempts and the provider\'s reason; a subscriber is given by her district and a masked address only; `recipient` filters staff or subscribers', querystring: DeliveryLogQuery, response: { 200: DeliveryLog } },
    config: { access: { resource: 'delivery', action: 'read' } },
  }, async (request) => deliveries(contextOf(request), request.query));

  // The outbox exists only in development (ESEP_ENV=development); elsewhere the route is not
  // registered at all, so it answers 404 like any unknown path and is absent from OpenAPI.
  const outbox = app.outbox;
  if (outbox) {
    app.get('/api/v1/dev/outbox', {
      schema: { tags, summary: 'Development only: every message that would have gone out', response: { 200: Outbox } },
      config: { access: { resource: 'delivery', action: 'read' } },
    }, async () => ({
      items: outbox.entries.map((e) => ({ channel: e.channel, address: e.address, subject: e.subject, text: e.text, link: e.link ?? null, key: e.key, at: e.at.toISOString() })),
    }));
  }
};

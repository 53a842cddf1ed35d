import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DeliveryChannelName } from '@esep/domain';
import { AppError } from '../http/app-error.ts';
import { JobQueue, QUEUES } from '../jobs/job.queue.ts';
import type { Channels } from '../notifications/channel.ts';
import { Outbox } from '../notifications/outbox.channel.ts';
import { systemContext } from '../services/context.ts';
import { deliver, sweepDeliveries, type DeliveryDeps } from '../services/notification/delivery.service.ts';
import { scanReminders, type NotificationDeps } from '../services/notification/reminder.service.ts';
import { scanDayBefore } from '../services/subs/subscription.fanout.ts';

/*
 * Issue 12, part 1: the job queue of this process (pg-boss in the database; jobs/job.queue.ts),
 * its handlers, and what a process does at start. Plugins register their own handlers
 * (`app.jobs.handle`) while the app is built; the queue starts when the app is ready, so every
 * handler is known before a worker polls. With ESEP_JOBS=none the process queues jobs but never
 * works them; with 'only' it works jobs and refuses to serve anything but /api/health.
 */
export default fp(async function jobsPlugin(app: FastifyInstance, options: { channels: Channels }) {
  const { config } = app;
  const work = config.jobs !== 'none';
  const jobs = new JobQueue({
    database: app.database,
    work,
    onError: (error) => app.log.warn({ err: error }, 'job queue error'),
  });
  // In development every channel not configured is the outbox (GET /api/v1/dev/outbox).
  const outbox = config.env === 'development' ? new Outbox(app.clock) : null;
  const channels = outbox ? outbox.fill(options.channels) : options.channels;
  app.decorate('outbox', outbox);
  const configured = new Set(Object.keys(channels) as DeliveryChannelName[]);
  const notificationDeps: NotificationDeps = { jobs, configured, atRiskDays: config.atRiskDays };
  const deliveryDeps: DeliveryDeps = { jobs, channels, publicUrl: config.publicUrl, leaseMs: config.deliveryLeaseMs, sendTimeoutMs: config.sendTimeoutMs };
  const system = () => systemContext(app.db, app.clock);

  jobs.handle(QUEUES.deliver, async (data) => deliver(system(), deliveryDeps, String(data.deliveryId)));
  jobs.handle(QUEUES.remindersScan, async () => scanReminders(system(), notificationDeps));
  jobs.handle(QUEUES.deliveriesSweep, async () => sweepDeliveries(system(), deliveryDeps));
  jobs.handle(QUEUES.subscribersDayBefore, async () => scanDayBefore(system(), jobs));

  app.decorate('jobs', jobs);
  app.decorate('channels', channels);

  app.addHook('onReady', async () => {
    await jobs.start();
    if (!work) return;
    // What a previous run of this (or another) process left mid-send is settled now, and what
    // fell due while no process ran is reminded now, not at the next minute.
    try {
      const swept = await sweepDeliveries(system(), deliveryDeps);
      if (swept.unknown || swept.resent || swept.woken) app.log.info(swept, 'deliveries left by a stopped worker settled');
      await scanReminders(system(), notificationDeps);
    } catch (error) {
      app.log.warn({ err: error }, 'start-up delivery sweep or reminder scan failed');
    }
  });
  app.addHook('onClose', async () => {
    await jobs.stop();
    await Promise.all(Object.values(channels).map((c) => c?.close?.()));
  });

  if (config.jobs === 'only') {
    app.addHook('onRequest', async (request) => {
      // Not behind the load balancer: nothing but its health is served here.
      if (request.url !== '/api/health') throw new AppError('not_found');
    });
  }
});

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
    channels: Channels;
    outbox: Outbox | null;
  }
}

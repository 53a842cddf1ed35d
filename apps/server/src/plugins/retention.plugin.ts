import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { QUEUES } from '../jobs/job.queue.ts';
import { systemContext } from '../services/context.ts';
import { retentionList } from '../services/retention/retention.service.ts';
import { expireUploads } from '../services/video/video.service.ts';

/**
 * once a day (a scheduled job), the retention dry run; it only reports (in the log) how many files have
 * passed retention — removing them is an administrator's decision (POST /api/v1/retention/removals).
 *
 * once an hour (a scheduled job), uploads left unfinished past ESEP_UPLOAD_EXPIRY_HOURS expire (partial
 * files deleted, records marked), then the store's own sweep of expired uploads no record knows.
 * `app.expireUploads()` runs it on demand (tests).
 */
export default fp(async function retentionPlugin(app: FastifyInstance) {
  const system = () => systemContext(app.db, app.clock);

  const expire = async () => {
    const { expired } = await expireUploads(system(), app.videoStore, app.config.uploadExpiryMs);
    let swept: number | null = null;
    try {
      swept = await app.cleanUpExpiredUploads();
    } catch (error) {
      // Not every S3-compatible store lists multipart uploads; the records' expiry above is done.
      app.log.warn({ err: error }, 'upload expiry: the store sweep failed');
    }
    return { expired, swept };
  };
  app.decorate('expireUploads', expire);

  // Scheduled jobs (jobs/job.queue.ts: SCHEDULES), run once across all processes.
  app.jobs.handle(QUEUES.retentionDryRun, async () => {
    const list = await retentionList(system(), { retentionDays: app.config.retentionDays, dataDir: app.config.dataDir });
    app.log.info({ asOf: list.asOf, cutoff: list.cutoff, count: list.count, totalSize: list.totalSize, heldMeetings: list.heldMeetings.length }, 'retention dry run: materials past retention await an administrator');
    return { count: list.count };
  });
  app.jobs.handle(QUEUES.uploadsExpire, async () => {
    const result = await expire();
    if (result.expired > 0 || (result.swept ?? 0) > 0) app.log.info(result, 'upload expiry: abandoned uploads removed');
    return result;
  });
});

declare module 'fastify' {
  interface FastifyInstance { expireUploads: () => Promise<{ expired: number; swept: number | null }> }
}

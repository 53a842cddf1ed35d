import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { systemContext } from '../services/context.ts';
import { retentionList } from '../services/retention/retention.service.ts';
import { expireUploads } from '../services/video/video.service.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * once a day, the retention dry run; it only reports (in the log) how many files have
 * passed retention — removing them is an administrator's decision (POST /api/v1/retention/removals).
 *
 * once an hour, uploads left unfinished past ESEP_UPLOAD_EXPIRY_HOURS expire (partial
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

  if (app.config.env === 'test') return;
  const dryRun = async () => {
    try {
      const list = await retentionList(system(), { retentionDays: app.config.retentionDays, dataDir: app.config.dataDir });
      app.log.info({ asOf: list.asOf, cutoff: list.cutoff, count: list.count, totalSize: list.totalSize, heldMeetings: list.heldMeetings.length }, 'retention dry run: materials past retention await an administrator');
    } catch (error) {
      app.log.warn({ err: error }, 'retention dry run failed');
    }
  };
  const expiry = async () => {
    try {
      const result = await expire();
      if (result.expired > 0 || (result.swept ?? 0) > 0) app.log.info(result, 'upload expiry: abandoned uploads removed');
    } catch (error) {
      app.log.warn({ err: error }, 'upload expiry failed');
    }
  };
  const first = setTimeout(async () => { await dryRun(); await expiry(); }, 60_000);
  const daily = setInterval(dryRun, DAY_MS);
  const hourly = setInterval(expiry, HOUR_MS);
  first.unref();
  daily.unref();
  hourly.unref();
  app.addHook('onClose', async () => { clearTimeout(first); clearInterval(daily); clearInterval(hourly); });
});

declare module 'fastify' {
  interface FastifyInstance { expireUploads: () => Promise<{ expired: number; swept: number | null }> }
}

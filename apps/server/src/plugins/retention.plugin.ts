import { almatyDate } from '@esep/domain';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { retentionList } from '../services/retention/retention.service.ts';

const DAY_MS = 86_400_000;

/**
 * once a day, the retention dry run; it only reports (in the log) how many files have
 * passed retention — removing them is an administrator's decision (POST /api/v1/retention/removals).
 */
export default fp(async function retentionPlugin(app: FastifyInstance) {
  if (app.config.env === 'test') return;
  const run = async () => {
    try {
      const today = almatyDate(new Date());
      const list = await retentionList({ db: app.db, actor: null, actorName: null, clientAddress: null, today }, { retentionDays: app.config.retentionDays, dataDir: app.config.dataDir });
      app.log.info({ asOf: list.asOf, cutoff: list.cutoff, count: list.count, totalSize: list.totalSize, heldMeetings: list.heldMeetings.length }, 'retention dry run: materials past retention await an administrator');
    } catch (error) {
      app.log.warn({ err: error }, 'retention dry run failed');
    }
  };
  const first = setTimeout(run, 60_000);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  app.addHook('onClose', async () => { clearTimeout(first); clearInterval(daily); });
});

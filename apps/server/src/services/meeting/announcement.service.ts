import { insertAnnouncement, lateEntryOf, meetingRow } from '@esep/db';
import { lateEntryActions, refusalMessage } from '@esep/domain';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

const OPEN = ['draft', 'scheduled', 'announced', 'postponed'];

export interface AnnouncementInput { channel: 'mass_media' | 'social_network' | 'organisation' | 'esep_page'; outlet: string; publishedOn: string; reference?: string | null | undefined }

/**
 * records a publication of the meeting's place and time. A publication after the
 * meeting, or one not yet made, cannot count as notice and is refused. A meeting entered after
 * the fact takes its publications until its entry is confirmed; they are judged like any other.
 */
export async function recordAnnouncement(ctx: ServiceContext, meetingId: string, input: AnnouncementInput): Promise<void> {
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  const late = meeting.status === 'held' ? await lateEntryOf(ctx.db, meetingId) : null;
  const unconfirmedLate = late != null && lateEntryActions(late.status).includes('correct');
  if (!OPEN.includes(meeting.status) && !unconfirmedLate) throw ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);
  if (input.publishedOn > meeting.startDate) {
    throw ruleRefusal({ reason: 'publication_after_meeting', rule: 'R-27.1', field: 'publishedOn' }, refusalMessage('publication_after_meeting'));
  }
  if (input.publishedOn > ctx.today) {
    throw ruleRefusal({ reason: 'publication_in_future', rule: 'R-27.1', field: 'publishedOn' }, refusalMessage('publication_in_future'));
  }
  await inTransaction(ctx, async (tx, audit) => {
    const row = await insertAnnouncement(tx, { meetingId, channel: input.channel, outlet: input.outlet, publishedOn: input.publishedOn, reference: input.reference ?? null, createdAt: ctx.now() });
    await audit({ action: 'announcement.create', entityType: 'meeting', entityId: meetingId, after: row });
  });
}

import {
  accountsFor, atuAncestry, atuRef, insertAnnouncement, insertInvitation, invitationsOf, meetingParts, unitRef, type Executor, type MeetingRow,
} from '@esep/db';
import { refusalMessage, type Locale } from '@esep/domain';
import { ruleRefusal } from '../../http/app-error.ts';
import type { AuditFn } from '../context.ts';
import type { AnnouncementInput } from './announcement.service.ts';

/**
 * Issue 14: announcing is one step — the publication that gives notice and the
 * invitations R-26 requires are recorded in the announcing transaction, each with its audit entry.
 */

/** the publication recorded with the announcement; the same checks as a publication recorded on its own. */
export async function recordPublication(tx: Executor, audit: AuditFn, meeting: MeetingRow, input: AnnouncementInput, today: string, now: Date) {
  if (input.publishedOn > meeting.startDate) {
    throw ruleRefusal({ reason: 'publication_after_meeting', rule: 'R-27.1', field: 'publishedOn' }, refusalMessage('publication_after_meeting'));
  }
  if (input.publishedOn > today) {
    throw ruleRefusal({ reason: 'publication_in_future', rule: 'R-27.1', field: 'publishedOn' }, refusalMessage('publication_in_future'));
  }
  const row = await insertAnnouncement(tx, { meetingId: meeting.id, channel: input.channel, outlet: input.outlet, publishedOn: input.publishedOn, reference: input.reference ?? null, createdAt: now });
  await audit({ action: 'announcement.create', entityType: 'meeting', entityId: meeting.id, after: row });
}

/**
 * the police leadership (the head of the meeting's police unit) and the akimat (of an ATU
 * containing a covered district) are invited through their Esep accounts. Esep delivers them (the
 * addressee answers under "My invitations"), so they count as sent. A category already invited,
 * or without an account to address, is left as it is. Returns how many were sent.
 */
export async function inviteRequired(tx: Executor, audit: AuditFn, meeting: MeetingRow, locale: Locale): Promise<number> {
  const existing = await invitationsOf(tx, [meeting.id]);
  const has = (category: string) => existing.some((i) => i.category === category && i.status !== 'declined');
  const name = (ref: { nameKk: string; nameRu: string } | null) => (ref ? (locale === 'kk' ? ref.nameKk : ref.nameRu) : '');
  const targets: Array<{ category: 'police_leadership' | 'akimat'; userId: string; personName: string; organisation: string }> = [];
  if (!has('police_leadership')) {
    const head = (await accountsFor(tx, 'unit_head', [meeting.unitId]))[0];
    if (head) targets.push({ category: 'police_leadership', userId: head.id, personName: head.displayName, organisation: name(await unitRef(tx, meeting.unitId)) || head.displayName });
  }
  if (!has('akimat')) {
    const parts = await meetingParts(tx, [meeting.id]);
    const atuIds: string[] = [];
    for (const d of parts.districts) for (const atu of await atuAncestry(tx, d.atuId)) if (!atuIds.includes(atu)) atuIds.push(atu);
    const akimat = (await accountsFor(tx, 'akimat', atuIds))[0];
    if (akimat) {
      const atu = akimat.territoryId ? await atuRef(tx, akimat.territoryId) : null;
      const organisation = atu ? (locale === 'kk' ? `${atu.nameKk} әкімдігі` : `Акимат: ${atu.nameRu}`) : akimat.displayName;
      targets.push({ category: 'akimat', userId: akimat.id, personName: akimat.displayName, organisation });
    }
  }
  for (const target of targets) {
    const row = await insertInvitation(tx, {
      meetingId: meeting.id, category: target.category, organisation: target.organisation, personName: target.personName,
      contact: null, addresseeUserId: target.userId, status: 'sent',
    });
    await audit({ action: 'invitation.create', entityType: 'invitation', entityId: row.id, after: row });
  }
  if (targets.length === 0 && !has('police_leadership') && !has('akimat')) {
    // Nobody to address in Esep: the planner invites them by hand (the invitation step stays open).
    return 0;
  }
  return targets.length;
}

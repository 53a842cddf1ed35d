import {
  accountsFor, atuAncestry, findSameInvitee, insertInvitation, invitationById, invitationsAddressedTo, meetingParts, meetingRow,
  updateInvitation, type InvitationRow,
} from '@esep/db';
import { refusalMessage } from '@esep/domain';
import { REQUIRED_INVITATION_CATEGORIES } from '@esep/contracts';
import { AppError, ruleRefusal } from '../../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from '../context.ts';
import { presentInvitation } from './meeting.view.ts';

type Status = InvitationRow['status'];
/** draft → sent → accepted / declined → attended / absent. */
const NEXT: Record<Status, readonly Status[]> = {
  draft: ['sent'], sent: ['accepted', 'declined', 'attended', 'absent'], accepted: ['declined', 'attended', 'absent'],
  declined: ['accepted', 'attended', 'absent'], attended: ['absent'], absent: ['attended'],
};

export interface InvitationInput {
  category: InvitationRow['category']; organisation: string; personName: string; contact?: string | null | undefined; addresseeUserId?: string | null | undefined;
}

/**
 * the police leadership and the akimat must be invited; R-28: others by agreement. An
 * invitation of a required category goes to the matching Esep account when there is one (the
 * unit head of the meeting's unit; the akimat of an ATU containing a covered district), so the
 * addressee answers it in Esep.
 */
export async function invite(ctx: ServiceContext, meetingId: string, input: InvitationInput) {
  const meeting = await meetingRow(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  if (['closed', 'cancelled'].includes(meeting.status)) throw ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);
  const required = (REQUIRED_INVITATION_CATEGORIES as readonly string[]).includes(input.category);
  if (await findSameInvitee(ctx.db, meetingId, input.personName, input.organisation)) {
    throw ruleRefusal({ reason: 'duplicate_invitation', rule: required ? 'R-26' : 'R-28', field: 'personName' }, refusalMessage('duplicate_invitation'), 409);
  }
  let addressee = input.addresseeUserId ?? null;
  if (!addressee && input.category === 'police_leadership') addressee = (await accountsFor(ctx.db, 'unit_head', [meeting.unitId]))[0]?.id ?? null;
  if (!addressee && input.category === 'akimat') {
    const parts = await meetingParts(ctx.db, [meetingId]);
    const atuIds = new Set<string>();
    for (const d of parts.districts) for (const atu of await atuAncestry(ctx.db, d.atuId)) atuIds.add(atu);
    addressee = (await accountsFor(ctx.db, 'akimat', [...atuIds]))[0]?.id ?? null;
  }
  return inTransaction(ctx, async (tx, audit) => {
    const row = await insertInvitation(tx, {
      meetingId, category: input.category, organisation: input.organisation, personName: input.personName,
      contact: input.contact ?? null, addresseeUserId: addressee,
    });
    await audit({ action: 'invitation.create', entityType: 'invitation', entityId: row.id, after: row });
    return presentInvitation(row);
  });
}

async function changeStatus(ctx: ServiceContext, id: string, status: Status, note: string | null | undefined, action: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const before = await invitationById(tx, id);
    if (!before) throw new AppError('not_found');
    if (before.status !== status && !NEXT[before.status].includes(status)) {
      throw ruleRefusal({ reason: 'wrong_status', rule: null, field: 'status' }, refusalMessage('wrong_status'), 409);
    }
    const after = await updateInvitation(tx, id, {
      status, ...(note !== undefined ? { note } : {}), ...(action === 'invitation.answer' ? { respondedAt: ctx.now() } : {}),
    }, ctx.now());
    await audit({ action, entityType: 'invitation', entityId: id, before, after });
    return presentInvitation(after!);
  });
}

/** The planner records that an invitation was sent, answered, or attended. */
export const setInvitationStatus = (ctx: ServiceContext, id: string, status: Status, note?: string | null) =>
  changeStatus(ctx, id, status, note, 'invitation.status');

/** The addressee accepts or declines in Esep. */
export async function answerInvitation(ctx: ServiceContext, id: string, answer: 'accepted' | 'declined', note?: string | null) {
  const current = await invitationById(ctx.db, id);
  if (!current) throw new AppError('not_found');
  if (current.status === 'draft') throw ruleRefusal({ reason: 'wrong_status', rule: null }, refusalMessage('wrong_status'), 409);
  return changeStatus(ctx, id, answer, note, 'invitation.answer');
}

export async function myInvitations(ctx: ServiceContext) {
  const rows = await invitationsAddressedTo(ctx.db, requireActor(ctx).id);
  // The districts and their settlements: the invitee reads the meeting by place and date, not by its number.
  const parts = await meetingParts(ctx.db, [...new Set(rows.map((r) => r.meeting.id))]);
  return rows.map((r) => ({
    ...presentInvitation(r.invitation),
    meeting: {
      ...r.meeting, startsAt: r.meeting.startsAt.toISOString(), endsAt: r.meeting.endsAt.toISOString(),
      districts: parts.districts.filter((d) => d.meetingId === r.meeting.id)
        .map(({ id, code, nameKk, nameRu, atuNameKk, atuNameRu }) => ({ id, code, nameKk, nameRu, atu: { nameKk: atuNameKk, nameRu: atuNameRu } })),
    },
  }));
}

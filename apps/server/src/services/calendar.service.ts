import {
  districtPath, feedTokenOwner, findDistrict, insertFeedToken, lateEntryStatuses, listMeetings, loadScope, meetingParts, pointById, revokeFeedTokens, staffById,
  staffPath, type MeetingFilter, type MeetingRow, type UserRow,
} from '@esep/db';
import { addDays, can, roleMay, type Actor, type Resource, type TerritoryPath } from '@esep/domain';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { AppError } from '../http/app-error.ts';
import { newToken, sessionId } from '../plugins/auth.plugin.ts';
import { inTransaction, requireActor, type ServiceContext } from './context.ts';

/**
 * RFC 5545 feeds of reporting meetings for calendar clients (Google, Outlook, Apple). Clients
 * cannot log in, so a feed URL carries a secret key (only its SHA-256 is stored); the feed shows
 * what the key's owner may see today — his territory — exactly as the meetings list does.
 */

export type FeedTarget = { kind: 'mine' } | { kind: 'district' | 'point' | 'inspector'; id: string };

/** Meetings from a year back to two years ahead (Asia/Almaty dates of the start). */
const WINDOW_BACK_DAYS = 365;
const WINDOW_AHEAD_DAYS = 730;
const PAGE_SIZE = 500;
/** How often clients are asked to refresh (REFRESH-INTERVAL / X-PUBLISHED-TTL), in seconds. */
const REFRESH_SECONDS = 3600;

const apiBase = (publicUrl: string | undefined) => `${(publicUrl ?? '').replace(/\/+$/, '')}/api/v1/calendar`;

/** The feed URLs of a key: the user's whole territory, and his own district, point and reports where he has them. */
export function feedUrls(publicUrl: string | undefined, token: string, user: Pick<UserRow, 'role' | 'staffId'>, actor: Actor) {
  const base = apiBase(publicUrl);
  const key = `?key=${encodeURIComponent(token)}`;
  const { scope } = actor;
  const districtId = scope.level === 'districts' ? scope.ids[0] : undefined;
  const pointId = scope.level === 'point' ? scope.ids[0]
    : scope.level === 'districts' && scope.ancestors.pointIds.length === 1 ? scope.ancestors.pointIds[0] : undefined;
  const staffId = user.staffId && (user.role === 'inspector' || user.role === 'assistant') ? user.staffId : undefined;
  return {
    mine: `${base}/mine.ics${key}`,
    ...(districtId ? { district: `${base}/districts/${districtId}/feed.ics${key}` } : {}),
    ...(pointId ? { point: `${base}/points/${pointId}/feed.ics${key}` } : {}),
    ...(staffId ? { inspector: `${base}/inspectors/${staffId}/feed.ics${key}` } : {}),
  };
}

/** A new feed key for the current user; his earlier keys stop working. The key itself is never stored nor audited. */
export async function issueFeedToken(ctx: ServiceContext, user: Pick<UserRow, 'role' | 'staffId'>) {
  const actor = requireActor(ctx);
  const token = newToken();
  await inTransaction(ctx, async (tx, audit) => {
    const revoked = await revokeFeedTokens(tx, actor.id, ctx.now());
    const row = await insertFeedToken(tx, actor.id, sessionId(token));
    await audit({ action: 'calendar.feed_token', entityType: 'user', entityId: actor.id, after: { feedTokenId: row.id, revokedKeys: revoked } });
  });
  return { token, urls: feedUrls(ctx.publicUrl, token, user, actor) };
}

/** The owner of a feed key, with his territory as of today. Unknown or revoked key → 401. */
export async function feedOwner(ctx: ServiceContext, key: string, options: { demoDisabled: boolean }) {
  const user = await feedTokenOwner(ctx.db, sessionId(key));
  if (!user) throw new AppError('unauthenticated');
  if (user.isDemo && options.demoDisabled) throw new AppError('demo_disabled');
  const actor: Actor = { id: user.id, role: user.role, scope: await loadScope(ctx.db, user, ctx.today) };
  return { user, actor };
}

interface Resolved { filter: MeetingFilter; nameKk: string; nameRu: string }

/** What the feed is about, checked by the policy like the record's own page: outside the territory → 404. */
async function resolveTarget(ctx: ServiceContext, owner: { user: UserRow; actor: Actor }, target: FeedTarget): Promise<Resolved> {
  if (!roleMay(owner.actor.role, 'read', 'meeting')) throw new AppError('forbidden');
  const readable = (resource: Resource, path: TerritoryPath | null) => path != null && can(owner.actor, 'read', { resource, path });
  switch (target.kind) {
    case 'mine':
      return { filter: {}, nameKk: owner.user.displayName, nameRu: owner.user.displayName };
    case 'district': {
      const [path, district] = await Promise.all([districtPath(ctx.db, target.id), findDistrict(ctx.db, target.id)]);
      if (!district || !readable('district', path)) throw new AppError('not_found');
      return { filter: { districtId: district.id }, nameKk: district.nameKk, nameRu: district.nameRu };
    }
    case 'point': {
      const point = await pointById(ctx.db, target.id);
      if (!point || !readable('point', { regionId: point.region.id, unitId: point.unit.id, pointId: point.id })) throw new AppError('not_found');
      return { filter: { pointId: point.id }, nameKk: point.nameKk, nameRu: point.nameRu };
    }
    case 'inspector': {
      const member = await staffById(ctx.db, target.id);
      if (!member || !readable('staff', staffPath(member))) throw new AppError('not_found');
      return { filter: { staffId: member.id }, nameKk: member.fullName, nameRu: member.fullName };
    }
  }
}

/** Every meeting of the window the owner sees, paged through the scoped list query. */
async function meetingsInWindow(ctx: ServiceContext, actor: Actor, filter: MeetingFilter): Promise<MeetingRow[]> {
  const window = { ...filter, from: addDays(ctx.today, -WINDOW_BACK_DAYS), to: addDays(ctx.today, WINDOW_AHEAD_DAYS) };
  const rows: MeetingRow[] = [];
  for (let page = 1; ; page++) {
    const result = await listMeetings(ctx.db, actor.scope, window, { page, pageSize: PAGE_SIZE, sort: 'startsAt' });
    rows.push(...result.items);
    if (result.items.length < PAGE_SIZE || rows.length >= result.total) return rows;
  }
}

/** How a meeting status reads in iCalendar (also the public meeting page's .ics, issue 13). */
export const EVENT_STATUS: Record<MeetingRow['status'], ICalEventStatus> = {
  draft: ICalEventStatus.TENTATIVE, scheduled: ICalEventStatus.TENTATIVE, postponed: ICalEventStatus.TENTATIVE,
  announced: ICalEventStatus.CONFIRMED, held: ICalEventStatus.CONFIRMED, protocol_signed: ICalEventStatus.CONFIRMED, closed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

const STATUS_LABEL: Record<MeetingRow['status'], [kk: string, ru: string]> = {
  draft: ['жоба', 'черновик'], scheduled: ['жоспарланған', 'запланирована'], announced: ['хабарланған', 'объявлена'],
  held: ['өткізілді', 'проведена'], protocol_signed: ['хаттамаға қол қойылды', 'протокол подписан'], closed: ['жабылды', 'закрыта'],
  postponed: ['кейінге қалдырылды', 'перенесена'], cancelled: ['күші жойылды', 'отменена'],
};

type Parts = Awaited<ReturnType<typeof meetingParts>>;

export function location(row: Pick<MeetingRow, 'format' | 'venueName' | 'venueAddress'>): string | null {
  const venue = [row.venueName, row.venueAddress].filter((v): v is string => !!v?.trim()).join(', ');
  if (row.format === 'online') return 'Online';
  if (row.format === 'hybrid') return venue ? `${venue} / Online` : 'Online';
  return venue || null;
}

const LATE_LABEL: Record<string, string> = {
  pending: 'расталмаған / не подтверждена', confirmed: 'расталған / подтверждена', returned: 'қайтарылды / возвращена', withdrawn: 'кері алынды / отозвана',
};

function description(row: MeetingRow, parts: Parts, url: string, late: string | null): string {
  const districts = parts.districts.filter((d) => d.meetingId === row.id);
  const inspectors = parts.inspectors.filter((i) => i.meetingId === row.id);
  const [statusKk, statusRu] = STATUS_LABEL[row.status];
  const lines = [
    `Есеп беру кездесуі / Отчётная встреча № ${row.number}`,
    `Күйі / Статус: ${statusKk} / ${statusRu}`,
    // A meeting entered after the fact is flagged in the feed as everywhere (R-33: its confirmation).
    ...(late ? [`Кейін енгізілді / Внесена после проведения: ${LATE_LABEL[late] ?? late}`] : []),
    'Учаскелер / Участки:',
    ...districts.map((d) => `• ${d.nameKk} / ${d.nameRu}`),
    'Есеп беретін учаскелік инспекторлар / Отчитываются участковые инспекторы:',
    ...inspectors.map((i) => {
      const district = districts.find((d) => d.id === i.districtId);
      return `• ${i.fullName}${district ? ` — ${district.nameKk} / ${district.nameRu}` : ''}${i.acting ? ' (м.а. / и.о.)' : ''}`;
    }),
  ];
  const venue = [row.venueName, row.venueAddress].filter(Boolean).join(', ');
  if (venue) lines.push(`Өтетін орны / Место проведения: ${venue}`);
  if (row.onlineLink) lines.push(`Онлайн / Онлайн: ${row.onlineLink}`);
  if (row.reason && (row.status === 'postponed' || row.status === 'cancelled')) lines.push(`Себебі / Причина: ${row.reason}`);
  lines.push(url);
  return lines.join('\n');
}

function summary(row: MeetingRow, parts: Parts): string {
  const names = parts.districts.filter((d) => d.meetingId === row.id).map((d) => d.nameKk).join(', ');
  const title = `Есеп беру кездесуі / Отчётная встреча — ${names || row.number}`;
  // Some clients keep showing cancelled events of a subscribed feed: the title says it too.
  return row.status === 'cancelled' ? `Күші жойылды / Отменена: ${title}` : title;
}

/** The iCalendar text of one feed, and a file name for it. */
export async function buildFeed(ctx: ServiceContext, owner: { user: UserRow; actor: Actor }, target: FeedTarget) {
  const resolved = await resolveTarget(ctx, owner, target);
  const rows = await meetingsInWindow(ctx, owner.actor, resolved.filter);
  const parts = await meetingParts(ctx.db, rows.map((r) => r.id));
  const late = await lateEntryStatuses(ctx.db, rows.map((r) => r.id));
  const site = (ctx.publicUrl ?? '').replace(/\/+$/, '');
  const name = resolved.nameKk === resolved.nameRu ? resolved.nameKk : `${resolved.nameKk} / ${resolved.nameRu}`;
  const calendar = ical({
    prodId: { company: 'Esep', product: 'Reporting meetings', language: 'KK' },
    method: ICalCalendarMethod.PUBLISH,
    name: `Есеп: ${name}`,
    description: 'Учаскелік полиция инспекторларының халық алдындағы есеп беру кездесулері / Отчётные встречи участковых инспекторов полиции с населением',
    ttl: REFRESH_SECONDS,
  });
  const stamp = ctx.now();
  for (const row of rows) {
    const url = `${site}/m/${row.id}`;
    calendar.createEvent({
      id: `${row.id}@esep`,
      sequence: row.sequence,
      stamp,
      created: row.createdAt,
      lastModified: row.updatedAt,
      // UTC instants: valid everywhere and need no VTIMEZONE; clients show them in local time.
      start: row.startsAt,
      end: row.endsAt,
      summary: summary(row, parts),
      location: location(row),
      url,
      description: description(row, parts, url, late.get(row.id) ?? null),
      status: EVENT_STATUS[row.status],
    });
  }
  const slug = target.kind === 'mine' ? 'mine' : `${target.kind}-${target.id}`;
  return { body: calendar.toString(), fileName: `esep-${slug}.ics` };
}

import { createHash } from 'node:crypto';
import { openFeedMeetings, territoryIdByCode, type OpenFeedRow } from '@esep/db';
import { addDays } from '@esep/domain';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { AppError } from '../../http/app-error.ts';
import { EVENT_STATUS, location } from '../calendar.service.ts';
import type { ServiceContext } from '../context.ts';

/*
 * Issue 13, part 6: the national iCal feed (RFC 5545) of announced meetings — the country's or
 * one region's, 30 days back and 90 ahead. Events keep the staff feed's UID (`<id>@esep`) and
 * SEQUENCE (the meeting's change counter), so a client subscribed to both sees one event, updated
 * in place; a cancelled meeting stays with STATUS:CANCELLED so calendars remove it. No person is
 * named: district names, venue, time and status only.
 */

const BACK_DAYS = 30;
const AHEAD_DAYS = 90;
const REFRESH_SECONDS = 3600;

function summary(row: OpenFeedRow): string {
  const names = row.districts.map((d) => (d.nameKk === d.nameRu ? d.nameKk : `${d.nameKk} / ${d.nameRu}`)).join(', ');
  const title = `Есеп беру кездесуі / Отчётная встреча — ${names || row.number}`;
  return row.status === 'cancelled' ? `Күші жойылды / Отменена: ${title}` : title;
}

export interface OpenFeed { body: string; etag: string; fileName: string }

export async function nationalFeed(ctx: ServiceContext, regionCode: string | undefined): Promise<OpenFeed> {
  let regionId: string | null = null;
  const code = regionCode?.trim();
  if (code) {
    regionId = await territoryIdByCode(ctx.db, 'region', code);
    if (!regionId) {
      throw new AppError('not_found', { region: code }, 404, {
        kk: `Мұндай кодпен облыс жоқ: ${code}`, ru: `Области с таким кодом нет: ${code}`, en: `No region with this code: ${code}`,
      });
    }
  }
  const rows = await openFeedMeetings(ctx.db, regionId, addDays(ctx.today, -BACK_DAYS), addDays(ctx.today, AHEAD_DAYS));
  const site = (ctx.publicUrl ?? '').replace(/\/+$/, '');
  const calendar = ical({
    prodId: { company: 'Esep', product: 'Open data', language: 'KK' },
    method: ICalCalendarMethod.PUBLISH,
    name: code ? `Есеп: ${code}` : 'Есеп: Қазақстан / Казахстан',
    description: 'Учаскелік полиция инспекторларының халық алдындағы есеп беру кездесулері / Отчётные встречи участковых инспекторов полиции с населением',
    ttl: REFRESH_SECONDS,
  });
  // DTSTAMP is the meeting's last change, not "now": the same meetings make the same feed, and its ETag holds.
  for (const row of rows) {
    calendar.createEvent({
      id: `${row.id}@esep`,
      sequence: row.sequence,
      stamp: row.updatedAt,
      created: row.createdAt,
      lastModified: row.updatedAt,
      start: row.startsAt,
      end: row.endsAt,
      summary: summary(row),
      location: location(row),
      url: `${site}/m/${row.id}`,
      description: `№ ${row.number}`,
      status: row.status === 'postponed' ? ICalEventStatus.TENTATIVE : EVENT_STATUS[row.status],
    });
  }
  const body = calendar.toString();
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, fileName: `esep-meetings${code ? `-${code.replace(/[^\w.-]/g, '_')}` : ''}.ics` };
}

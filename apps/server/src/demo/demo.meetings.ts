import {
  idsByCode, insertAnnouncement, insertDemoHolding, insertInvitation, insertMeeting, insertMeetingEvent, nextNumber, replaceMeetingDistricts,
  type Db, type Tx,
} from '@esep/db';
import { addDays, almatyDate, almatyDayStart, type Clock, CONSENT_VERSION, personKey, quarterOf, quarterStart } from '@esep/domain';
import { inTransaction, systemContext } from '../services/context.ts';
import { DEMO } from './demo.data.ts';

/**
 * Two example meetings of the demo inspector's district, so the live screen and the report's
 * carry-over can be tried at once: one held last quarter with its register, items, decisions
 * and an award, and one announced meeting that is in progress when the demo is created.
 * Only `npm start`'s first run calls this — tests build their own meetings.
 */
export async function seedDemoMeetings(db: Db, clock: Clock): Promise<void> {
  const ctx = systemContext(db, clock);
  const now = ctx.now();
  await inTransaction(ctx, async (tx, audit) => {
    const district = (await idsByCode(tx, 'districts', [DEMO.inspectorDistrict])).get(DEMO.inspectorDistrict)!;
    const point = (await idsByCode(tx, 'points', [DEMO.leadPoint])).get(DEMO.leadPoint)!;
    const unit = (await idsByCode(tx, 'units', [DEMO.unit])).get(DEMO.unit)!;
    const region = (await idsByCode(tx, 'regions', [DEMO.region])).get(DEMO.region)!;
    const inspector = (await idsByCode(tx, 'staff', [`S-${DEMO.inspectorDistrict}`])).get(`S-${DEMO.inspectorDistrict}`)!;
    const where = { district, point, unit, region, inspector };

    // Last quarter, a month before this one began, 18:30–20:00 Almaty.
    const lastQuarterDay = addDays(quarterStart(quarterOf(ctx.today)), -30);
    const heldStart = new Date(`${lastQuarterDay}T18:30:00+05:00`);
    const held = await demoMeeting(tx, where, heldStart, new Date(heldStart.getTime() + 90 * 60_000), 'held');
    await demoRegister(tx, held, heldStart);

    // Now: started half an hour ago (but not before today's midnight, so that its protocol can
    // still be signed on time, R-32.3), ends three and a half hours after it started.
    const liveStart = new Date(Math.max(now.getTime() - 30 * 60_000, almatyDayStart(ctx.today).getTime()));
    const live = await demoMeeting(tx, where, liveStart, new Date(liveStart.getTime() + 210 * 60_000), 'announced');
    await audit({ action: 'demo.meetings', entityType: 'meeting', entityId: live.id, after: { held: held.id, live: live.id } });
  });
}

interface Where { district: string; point: string; unit: string; region: string; inspector: string }

async function demoMeeting(tx: Tx, w: Where, startsAt: Date, endsAt: Date, status: 'held' | 'announced') {
  const startDate = almatyDate(startsAt);
  const seq = await nextNumber(tx, `${DEMO.inspectorDistrict}-${startDate.slice(0, 4)}`);
  const row = await insertMeeting(tx, {
    number: `${DEMO.inspectorDistrict}-${startDate.slice(0, 4)}-${String(seq).padStart(2, '0')}`, status, setting: 'gathering', format: 'indoor',
    venueName: 'Шамалған ауылдық клубы', venueAddress: 'Шамалған а., Жібек жолы к-сі, 12', venueCapacity: 120, expectedParticipants: 60,
    startsAt, endsAt, startDate, regionId: w.region, unitId: w.unit, pointId: w.point,
  });
  await replaceMeetingDistricts(tx, row.id, [w.district], [{ districtId: w.district, staffId: w.inspector, acting: false }]);
  // announced two weeks ahead in the district newspaper.
  await insertAnnouncement(tx, { meetingId: row.id, channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: addDays(startDate, -14), createdAt: new Date(startsAt.getTime() - 14 * 86_400_000) });
  const invitationStatus = status === 'held' ? 'attended' : 'accepted';
  await insertInvitation(tx, { meetingId: row.id, category: 'police_leadership', organisation: 'Қарасай АПБ', personName: 'Әбдіров Марат Нұрмаханұлы', status: invitationStatus });
  await insertInvitation(tx, { meetingId: row.id, category: 'akimat', organisation: 'Шамалған ауылдық округі әкімінің аппараты', personName: 'Сейітқали Гүлнар Маратқызы', status: invitationStatus });
  // The history as it would have been written: planned three weeks ahead, announced two, held at the start.
  type Step = [string, 'draft' | 'scheduled' | 'announced' | null, 'draft' | 'scheduled' | 'announced' | 'held', number];
  const steps: Step[] = [['create', null, 'draft', -21], ['schedule', 'draft', 'scheduled', -20], ['announce', 'scheduled', 'announced', -14]];
  if (status === 'held') steps.push(['hold', 'announced', 'held', 0]);
  for (const [action, from, to, days] of steps) {
    await insertMeetingEvent(tx, { meetingId: row.id, action, fromStatus: from, toStatus: to, at: new Date(startsAt.getTime() + days * 86_400_000) });
  }
  return row;
}

const RESIDENTS = [
  ['Оспанова Айгүл Серікқызы', 'Жібек жолы к-сі, 4'], ['Қасымов Ерлан Бекұлы', 'Абай к-сі, 17'], ['Иванова Светлана Петровна', 'Мектеп к-сі, 2'],
  ['Төлеуов Нұржан Асқарұлы', 'Жібек жолы к-сі, 21'], ['Әлиева Динара Қайратқызы', 'Бейбітшілік к-сі, 9'], ['Петров Сергей Николаевич', 'Абай к-сі, 3'],
  ['Мұратбекова Салтанат Ерболқызы', 'Мектеп к-сі, 14'], ['Жақсылықов Бауыржан Тимурұлы', 'Жастар к-сі, 6'], ['Ким Виктория Андреевна', 'Бейбітшілік к-сі, 1'],
  ['Сұлтанов Әсет Маратұлы', 'Жастар к-сі, 11'],
] as const;

async function demoRegister(tx: Tx, meeting: { id: string; number: string }, start: Date) {
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const people = [
    ...RESIDENTS.map(([fullName, address], i) => ({ fullName, address, category: 'resident' as const, organisation: null, arrived: i - 10 })),
    { fullName: 'Әбдіров Марат Нұрмаханұлы', address: null, category: 'police_leadership' as const, organisation: 'Қарасай АПБ', arrived: -5 },
    { fullName: 'Сейітқали Гүлнар Маратқызы', address: null, category: 'akimat' as const, organisation: 'Шамалған ауылдық округі әкімінің аппараты', arrived: -3 },
  ];
  const inserted = await insertDemoHolding(tx, {
    participants: people.map((p, i) => ({
      meetingId: meeting.id, number: i + 1, fullName: p.fullName, address: p.address, category: p.category, organisation: p.organisation,
      consentVersion: CONSENT_VERSION, consentAt: at(p.arrived), arrivedAt: at(p.arrived), attendance: 'in_person', channel: i < 10 ? (i % 3 === 0 ? 'self' : 'staff') : 'staff',
      personKey: personKey(p.fullName, p.address ?? p.organisation ?? ''),
    })),
    items: [], decisions: [], awards: [],
  });
  const by = (n: number) => inserted.find((p) => p.number === n)!.id;
  await insertDemoHolding(tx, {
    participants: [],
    items: [
      { meetingId: meeting.id, number: 1, kind: 'complaint', participantId: by(1), topic: 'public_order', text: 'Кешкі уақытта мектеп маңында жастар топтасып, шу шығарады.', resolution: 'to_check' },
      { meetingId: meeting.id, number: 2, kind: 'proposal', participantId: by(3), topic: 'road_safety', text: 'Предлагаю установить «лежачего полицейского» у школы на ул. Мектеп.', resolution: 'to_forward' },
      { meetingId: meeting.id, number: 3, kind: 'question', participantId: by(5), topic: 'fraud', text: 'Телефон алаяқтарынан қалай сақтануға болады?', resolution: 'answered', answer: 'Банк қызметкері ешқашан SMS-кодты сұрамайды; күдікті қоңырау туралы 102-ге хабарлаңыз.' },
      { meetingId: meeting.id, number: 4, kind: 'remark', participantId: null, topic: 'neighbours', text: 'Абай көшесіндегі үйде иттер байлаусыз жүреді.', resolution: 'answered', answer: 'Иелеріне ескерту жасалды, әкімдікпен бірге тексеріледі.' },
    ],
    decisions: [
      { meetingId: meeting.id, number: 1, text: 'Мектеп маңында кешкі рейдтер ұйымдастыру', responsible: 'УПИ Нұрланов Д. Е.', dueDate: addDays(almatyDate(start), 30) },
      { meetingId: meeting.id, number: 2, text: 'Жол белгілері бойынша ұсынысты әкімдікке жіберу', responsible: 'Шамалған а/о әкімінің аппараты', dueDate: addDays(almatyDate(start), 15) },
    ],
    awards: [
      { meetingId: meeting.id, recipientKind: 'citizen', recipientName: 'Төлеуов Нұржан Асқарұлы', reason: 'Ұрлықтың жолын кесуге көмектескені үшін', awardKind: 'letter_of_thanks' },
    ],
  });
}

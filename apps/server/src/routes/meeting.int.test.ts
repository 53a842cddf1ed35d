import { meetings } from '@esep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/clock.ts';
import { login, testApp, type Client, type TestApp } from '../../test/harness.ts';
import { earlyInQuarter, meetingDates } from '../../test/meetings.ts';

// The quarter board below expects the meetings planned 20–58 days ahead in one quarter: the
// server's clock stands early in the current quarter, whatever day the suite runs.
const clock = new TestClock();
clock.set(earlyInQuarter(clock));
const { today, at, plan: meetingPlan } = meetingDates(clock);

let t: TestApp;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const plan = (over: Record<string, unknown> = {}) => meetingPlan(ids['ALM-KAR-P2-D01'], over);

beforeAll(async () => {
  t = await testApp({}, clock);
  for (const name of ['admin', 'inspector', 'lead', 'chief', 'akimat', 'inspector2']) c[name] = await login(t.app, name);
  const all = (await c.admin!.get('/api/v1/districts?pageSize=200')).json().items as Array<{ id: string; code: string }>;
  for (const d of all) ids[d.code] = d.id;
}, 120_000);
afterAll(async () => { await t.close(); });

describe('meeting life cycle', () => {
  let id: string;

  it('plans a draft with its checklist', async () => {
    const response = await c.inspector!.send('POST', '/api/v1/meetings', plan(), { 'accept-language': 'ru' });
    expect(response.statusCode).toBe(201);
    const meeting = response.json();
    id = meeting.id;
    expect(meeting.status).toBe('draft');
    expect(meeting.number).toMatch(/^ALM-KAR-P2-D01-\d{4}-\d{2}$/);
    // The Almaty reading is given beside the UTC instant (the plan was typed as 18:00–20:00 Almaty).
    expect(meeting).toMatchObject({ startsAtLocal: at(20, 18), endsAtLocal: at(20, 20), startsAt: new Date(at(20, 18)).toISOString() });
    expect(meeting.inspectors).toHaveLength(1);
    expect(meeting.notice.given).toBe(false);
    expect(meeting.notice.daysLeft).toBe(10);
    const notice = meeting.checklist.find((check: { key: string }) => check.key === 'notice');
    expect(notice).toMatchObject({ rule: 'R-27.1', status: 'pending' });
    expect(notice.message).toContain('осталось 10');
    expect(notice.reference).toContain('§27 ¶1');
    expect(meeting.availableActions).toContain('schedule');
  });

  it('schedules, refuses to announce without notice (409, R-27.1), then announces', async () => {
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'schedule' })).json().status).toBe('scheduled');
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' }, { 'accept-language': 'kk' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'rule_violation', details: { reason: 'notice_not_given', rule: 'R-27.1' } });
    expect(refused.json().error.message).toContain('10 күнтізбелік');
    const published = await c.inspector!.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'social_network', outlet: 'Instagram @karasai_police', publishedOn: today, reference: 'https://instagram.com/p/x' });
    expect(published.statusCode).toBe(201);
    expect(published.json().notice.given).toBe(true);
    expect(published.json().checklist.find((check: { key: string }) => check.key === 'notice').status).toBe('met');
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).json().status).toBe('announced');
  });

  it('refuses to hold before the start', async () => {
    const refused = await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'hold' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.reason).toBe('not_started');
  });

  it('postponing voids the notice: a fresh one is needed for the new date', async () => {
    const postponed = await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'postpone', reason: 'Су тасқыны', startsAt: at(30, 18), endsAt: at(30, 20) });
    expect(postponed.statusCode).toBe(200);
    const meeting = postponed.json();
    expect(meeting.status).toBe('postponed');
    expect(meeting.notice.given).toBe(false);
    expect(meeting.announcements[0].voided).toBe(true);
    expect(meeting.events.at(-1)).toMatchObject({ action: 'postpone', reason: 'Су тасқыны' });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).statusCode).toBe(409);
    await c.inspector!.send('POST', `/api/v1/meetings/${id}/announcements`, { channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: today });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${id}/transitions`, { action: 'announce' })).json().status).toBe('announced');
  });

  it('reschedules a postponed meeting, and holds it once it has started', async () => {
    const other = (await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(35, 18), endsAt: at(35, 19) }))).json();
    await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'schedule' });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'postpone', reason: 'Клуб жөндеуде' })).json().status).toBe('postponed');
    const moved = await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'reschedule', startsAt: at(36, 18), endsAt: at(36, 19) });
    expect(moved.json()).toMatchObject({ status: 'postponed', startDate: at(36, 0).slice(0, 10) });
    const backwards = await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'reschedule', startsAt: at(36, 18), endsAt: at(36, 17) });
    expect(backwards.statusCode).toBe(400);
    const past = await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'reschedule', startsAt: at(-2, 18), endsAt: at(-2, 19) });
    expect(past.statusCode).toBe(409);
    expect(past.json().error.details.reason).toBe('start_in_past');
    await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/announcements`, { channel: 'organisation', outlet: '«Шамалған» ЖШС әкімшілігі', publishedOn: today });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'announce' })).json().status).toBe('announced');
    // Time passes: the meeting has started (moved in the database, as the clock would).
    await t.database.db.update(meetings).set({ startsAt: new Date(clock.now().getTime() - 3600_000), endsAt: new Date(clock.now().getTime() + 3600_000) }).where(eq(meetings.id, other.id));
    const held = await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'hold' });
    expect(held.json().status).toBe('held');
    expect(held.json().checklist.find((check: { key: string }) => check.key === 'attended_police_leadership').status).toBe('not_met');
    expect(held.json().availableActions).toEqual(['signProtocol']);
  });

  it('cancels only with a reason, and a cancelled meeting accepts nothing', async () => {
    const other = (await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(40, 18), endsAt: at(40, 19) }))).json();
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'cancel' })).statusCode).toBe(400);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'cancel', reason: 'Қайталанған жоспар' })).json().status).toBe('cancelled');
    const after = await c.inspector!.send('POST', `/api/v1/meetings/${other.id}/transitions`, { action: 'schedule' });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.details.reason).toBe('wrong_status');
  });

  it('every transition is audited', async () => {
    const audit = (await c.admin!.get(`/api/v1/audit?entityType=meeting&entityId=${id}&pageSize=50`)).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    for (const action of ['meeting.create', 'meeting.schedule', 'meeting.announce', 'meeting.postpone', 'announcement.create']) expect(actions).toContain(action);
  });
});

describe('planning refusals', () => {
  it('a joint meeting with an adjacent district of a colleague: both inspectors report, once the colleague agrees (R-27.4)', async () => {
    const response = await c.inspector!.send('POST', '/api/v1/meetings', plan({ districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-KAR-P2-D02']], startsAt: at(25, 18), endsAt: at(25, 20) }));
    expect(response.statusCode).toBe(201);
    const meeting = response.json();
    expect(meeting.inspectors).toHaveLength(2);
    expect(meeting.checklist.find((check: { key: string }) => check.key === 'adjacency').status).toBe('met');
    // The plan is made at once, but the colleague reports too: his agreement is asked before it can be announced.
    expect(meeting.agreements).toHaveLength(1);
    expect(meeting.agreements[0]).toMatchObject({ district: { id: ids['ALM-KAR-P2-D02'] }, status: 'pending' });
    expect(meeting.checklist.find((check: { key: string }) => check.key === 'agreement').status).toBe('pending');
    await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/transitions`, { action: 'schedule' });
    await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/announcements`, { channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: today });
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/transitions`, { action: 'announce' })).json().error.details).toMatchObject({ reason: 'agreement_missing', rule: 'R-27.4' });
    // His point lead agrees for him (the lead of the point of both districts).
    expect((await c.lead!.send('POST', `/api/v1/agreements/${meeting.agreements[0].id}/answer`, { answer: 'accepted' })).statusCode).toBe(200);
    expect((await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/transitions`, { action: 'announce' })).json().status).toBe('announced');
  });

  it('refuses non-adjacent districts and names the one that breaks the set', async () => {
    const response = await c.inspector!.send('POST', '/api/v1/meetings', plan({ districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-KAR-P2-D03']] }), { 'accept-language': 'ru' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toMatchObject({ reason: 'not_adjacent', rule: 'R-27.4', field: 'districtIds', params: { districtId: ids['ALM-KAR-P2-D03'] } });
    expect(response.json().error.message).toContain('Административный участок №13');
  });

  it('refuses a district of another unit, and one wholly outside the territory', async () => {
    const mixed = await c.inspector!.send('POST', '/api/v1/meetings', plan({ districtIds: [ids['ALM-KAR-P2-D01'], ids['ALM-TAL-P1-D01']] }));
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().error.details).toMatchObject({ reason: 'district_outside_territory', rule: 'R-2.2', field: 'districtIds' });
    expect((await c.inspector!.send('POST', '/api/v1/meetings', plan({ districtIds: [ids['ALM-TAL-P1-D01']] }))).statusCode).toBe(404);
  });

  it('refuses a start in the past and an end before the start', async () => {
    const past = await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(-1, 18), endsAt: at(-1, 19) }));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.field).toBe('startsAt');
    const backwards = await c.inspector!.send('POST', '/api/v1/meetings', plan({ endsAt: at(20, 17) }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.field).toBe('endsAt');
  });

  it('refuses an initiative meeting below 10 % with the computed share (R-27.3)', async () => {
    const response = await c.inspector!.send('POST', '/api/v1/meetings', plan({ setting: 'initiative_meeting', membersCount: 200, initiatorsCount: 15 }), { 'accept-language': 'en' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toMatchObject({ reason: 'initiative_below_threshold', rule: 'R-27.3', params: { share: 7.5 } });
    expect(response.json().error.message).toContain('7.5%');
    expect((await c.inspector!.send('POST', '/api/v1/meetings', plan({ setting: 'initiative_meeting', membersCount: 200, initiatorsCount: 20, startsAt: at(45, 18), endsAt: at(45, 19) }))).statusCode).toBe(201);
  });

  it('refuses an online meeting without a link and an open-air one without weather considered (R-27.2)', async () => {
    const online = await c.inspector!.send('POST', '/api/v1/meetings', plan({ format: 'online', venueAddress: null }));
    expect(online.json().error.details).toMatchObject({ reason: 'online_link_required', rule: 'R-27.2' });
    const outdoor = await c.inspector!.send('POST', '/api/v1/meetings', plan({ format: 'open_air' }));
    expect(outdoor.json().error.details).toMatchObject({ reason: 'weather_not_considered', rule: 'R-27.2' });
  });

  it('refuses a publication dated after the meeting', async () => {
    const meeting = (await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(50, 18), endsAt: at(50, 19) }))).json();
    const response = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/announcements`, { channel: 'mass_media', outlet: 'X', publishedOn: at(51, 0).slice(0, 10) });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toMatchObject({ reason: 'publication_after_meeting', rule: 'R-27.1', field: 'publishedOn' });
  });
});

describe('invitations (R-26, R-28)', () => {
  it('addresses required invitations to matching accounts, who answer in Esep; refuses the same person twice', async () => {
    const meeting = (await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(55, 18), endsAt: at(55, 19) }))).json();
    const police = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/invitations`, { category: 'police_leadership', organisation: 'Қарасай аудандық ПБ', personName: 'Әбдіров Марат Нұрмаханұлы' });
    expect(police.statusCode).toBe(201);
    expect(police.json()).toMatchObject({ required: true, status: 'draft', addresseeUserId: c.chief!.user.id });
    const akimat = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/invitations`, { category: 'akimat', organisation: 'Шамалған ауылдық округі әкімінің аппараты', personName: 'Байтасов Мұрат Әбенұлы' });
    expect(akimat.json().addresseeUserId).toBe(c.akimat!.user.id);
    const twice = await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/invitations`, { category: 'akimat', organisation: 'шамалған ауылдық округі әкімінің аппараты', personName: 'байтасов мұрат әбенұлы' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details).toMatchObject({ reason: 'duplicate_invitation', rule: 'R-26' });

    // Not sent yet: the addressee cannot answer a draft.
    expect((await c.chief!.send('POST', `/api/v1/invitations/${police.json().id}/answer`, { answer: 'accepted' })).statusCode).toBe(409);
    await c.inspector!.send('PATCH', `/api/v1/invitations/${police.json().id}`, { status: 'sent' });
    const mine = (await c.chief!.get('/api/v1/invitations/mine')).json();
    expect(mine.map((i: { id: string }) => i.id)).toContain(police.json().id);
    const answered = await c.chief!.send('POST', `/api/v1/invitations/${police.json().id}/answer`, { answer: 'accepted' });
    expect(answered.json().status).toBe('accepted');
    // Someone else's invitation is not his to answer.
    expect((await c.akimat!.send('POST', `/api/v1/invitations/${police.json().id}/answer`, { answer: 'declined' })).statusCode).toBe(404);
    const detail = (await c.inspector!.get(`/api/v1/meetings/${meeting.id}`)).json();
    expect(detail.checklist.find((check: { key: string }) => check.key === 'invited_police_leadership').status).toBe('met');
    expect(detail.checklist.find((check: { key: string }) => check.key === 'invited_akimat').status).toBe('pending');
  });
});

describe('quarter board (R-22.13)', () => {
  it('shows the lead every district of his point with its status and the meetings', async () => {
    const board = (await c.lead!.get('/api/v1/obligations')).json();
    expect(board.total).toBe(6);
    expect(board.districts).toHaveLength(6);
    const d01 = board.districts.find((d: { district: { code: string } }) => d.district.code === 'ALM-KAR-P2-D01');
    expect(d01.meetings.length).toBeGreaterThan(0);
    const statuses = new Set(board.districts.map((d: { status: string }) => d.status));
    expect(statuses.has('scheduled') || statuses.has('open') || statuses.has('at_risk')).toBe(true);
    expect(Object.values(board.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(6);
    expect(board.inspectors.items.length).toBeGreaterThanOrEqual(5);
    expect(board.inspectors.total).toBe(board.inspectors.items.length);
    // Several meetings of district №11 in the quarter: each pair is a same-quarter clash.
    const sameQuarter = board.conflicts.items.filter((x: { kind: string }) => x.kind === 'same_quarter');
    expect(sameQuarter.length).toBeGreaterThan(0);
    expect(board.conflicts.counts.same_quarter).toBe(sameQuarter.length);
    expect(sameQuarter[0].withNumber).toMatch(/^ALM-KAR-P2-D01-/);
    // A point's board has no breakdown below it.
    expect(board.areas).toBeNull();
  });

  it('shows inspector2 nothing of the lead\'s point', async () => {
    const board = (await c.inspector2!.get('/api/v1/obligations')).json();
    expect(board.districts.map((d: { district: { code: string } }) => d.district.code)).toEqual(['ALM-TAL-P1-D01']);
    expect((await c.inspector2!.get('/api/v1/meetings')).json().total).toBe(0);
  });
});

describe('convenient time (R-27.2)', () => {
  it('flags a meeting outside the hours residents prefer', async () => {
    const district = ids['ALM-KAR-P2-D04']!;
    const set = await c.lead!.send('PUT', `/api/v1/districts/${district}/preferred-hours`, [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '21:00' }]);
    expect(set.statusCode).toBe(200);
    expect((await c.lead!.send('PUT', `/api/v1/districts/${district}/preferred-hours`, [{ days: [1], from: '20:00', to: '19:00' }])).statusCode).toBe(400);
    const evening = (await c.lead!.send('POST', '/api/v1/meetings', plan({ districtIds: [district], startsAt: at(21, 18), endsAt: at(21, 20) }))).json();
    expect(evening.checklist.find((check: { key: string }) => check.key === 'convenient_time').status).toBe('met');
    const morning = (await c.lead!.send('POST', '/api/v1/meetings', plan({ districtIds: [district], startsAt: at(22, 10), endsAt: at(22, 11) }))).json();
    expect(morning.checklist.find((check: { key: string }) => check.key === 'convenient_time').status).toBe('not_met');
  });
});

describe('publication proof (R-27.1)', () => {
  it('stores a screenshot or scan with the publication, and refuses other files', async () => {
    const meeting = (await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(58, 18), endsAt: at(58, 19) }))).json();
    const withNotice = (await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/announcements`, { channel: 'mass_media', outlet: '«Қарасай» газеті', publishedOn: today })).json();
    const announcementId = withNotice.announcements[0].id as string;
    const pdf = Buffer.from('%PDF-1.4\n% scan of page 3\n%%EOF\n');
    const upload = (bytes: Buffer, name: string) => {
      const boundary = '----proof';
      return c.inspector!.send('POST', `/api/v1/announcements/${announcementId}/proof`, Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]), { 'content-type': `multipart/form-data; boundary=${boundary}` });
    };
    expect((await upload(Buffer.from('<html>not a scan</html>'), 'x.html')).json().error.code).toBe('unsupported_file');
    const stored = await upload(pdf, 'gazet.pdf');
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
    const back = await c.lead!.get(`/api/v1/announcements/${announcementId}/proof`);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.rawPayload.equals(pdf)).toBe(true);
    expect((await c.inspector!.get(`/api/v1/meetings/${meeting.id}`)).json().announcements[0].hasProof).toBe(true);
    expect((await c.inspector2!.get(`/api/v1/announcements/${announcementId}/proof`)).statusCode).toBe(404);
  });
});

describe('generated documents', () => {
  it('serves announcement texts, the poster and invitation letters', async () => {
    const meeting = (await c.inspector!.send('POST', '/api/v1/meetings', plan({ startsAt: at(57, 18), endsAt: at(57, 19) }))).json();
    const texts = (await c.inspector!.get(`/api/v1/meetings/${meeting.id}/announcement-texts`)).json();
    expect(texts.kk.post).toContain('Шамалған');
    expect(texts.ru.notice.length).toBeGreaterThan(100);
    const poster = await c.inspector!.get(`/api/v1/meetings/${meeting.id}/poster?lang=kk`);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('application/pdf');
    expect(poster.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const invitation = (await c.inspector!.send('POST', `/api/v1/meetings/${meeting.id}/invitations`, { category: 'maslikhat_deputy', organisation: 'Қарасай аудандық мәслихаты', personName: 'Серікова Әйгерім' })).json();
    const docx = await c.inspector!.get(`/api/v1/invitations/${invitation.id}/letter?lang=ru&format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await c.inspector2!.get(`/api/v1/invitations/${invitation.id}/letter`)).statusCode).toBe(404);
  });
});

import { DecisionBody, ItemBody, ParticipantBody } from '@esep/contracts';
import { describe, expect, it } from 'vitest';
import {
  decisionDefaults,
  closedReason, compact, decisionRows, itemRows, matchesSearch, participantCount, queueCounts, registerRows, validate,
} from './live.model.ts';
import type { LiveState } from './live.types.ts';
import type { OutboxOperation } from './outbox.ts';

const MEETING = '7d0f3c52-1111-4a5b-9c1d-000000000001';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function participant(n: number, clientKey: string | null = null) {
  return {
    id: uuid(100 + n), meetingId: MEETING, number: n, fullName: `Сейткали ${n}`, address: `Жібек жолы ${n}`, residentOfDistrictId: null,
    category: 'resident' as const, organisation: null, phone: null, email: null, consentVersion: 'pd-2026-1', consentAt: '2026-03-01T10:00:00.000Z',
    arrivedAt: '2026-03-01T10:00:00.000Z', attendance: 'in_person' as const, channel: 'self' as const, paperSheetId: null, invitationId: null, clientKey,
  };
}

function state(parts: Partial<LiveState> = {}): LiveState {
  return {
    meeting: { id: MEETING, number: 'ALM-1', status: 'announced', startsAt: '2026-03-01T10:00:00.000Z', endsAt: '2026-03-01T12:00:00.000Z', recordingOpen: true },
    participantCount: parts.participants?.length ?? 0, participants: [], items: [], decisions: [], awards: [], topics: [], districts: [],
    requiredInvitations: [], consent: { version: 'pd-2026-1', kk: 'kk', ru: 'ru', en: 'en' }, ...parts,
  };
}

function op(clientKey: string, kind: OutboxOperation['kind'], data: Record<string, unknown>, opState: OutboxOperation['state'] = 'pending'): OutboxOperation {
  return { clientKey, meetingId: MEETING, authorId: 'alice', kind, data, createdAt: '2026-03-01T10:05:00.000Z', state: opState, error: opState === 'rejected' ? { code: 'already_registered', message: 'x' } : null };
}

describe('the register on the screen (R-32.2: the count is the register)', () => {
  it('is the server entries plus the queued ones; refused ones are shown but not counted', () => {
    const s = state({ participants: [participant(2), participant(1)] });
    const ops = [
      op(uuid(1), 'participant', { fullName: 'Waiting One', address: 'A', consent: true, consentVersion: 'v' }),
      op(uuid(2), 'participant', { fullName: 'From paper', address: 'B', consent: true, consentVersion: 'v', paperSheetId: uuid(50) }),
      op(uuid(3), 'participant', { fullName: 'Refused', address: 'C', consent: true, consentVersion: 'v' }, 'rejected'),
    ];
    const rows = registerRows(s, ops);
    expect(rows.map((r) => [r.number, r.state, r.channel])).toEqual([
      [1, 'saved', 'self'], [2, 'saved', 'self'], [null, 'waiting', 'staff'], [null, 'waiting', 'paper'], [null, 'attention', 'staff'],
    ]);
    expect(participantCount(rows)).toBe(4);
    expect(queueCounts(ops)).toEqual({ pending: 2, attention: 1 });
  });

  it('shows a just-synced entry once: from the server when it is there, from the queue until then', () => {
    const synced = op(uuid(1), 'participant', { fullName: 'Synced', address: 'A', consent: true, consentVersion: 'v' }, 'synced');
    expect(participantCount(registerRows(state(), [synced]))).toBe(1);
    const withIt = state({ participants: [participant(1, uuid(1))] });
    const rows = registerRows(withIt, [synced]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.number).toBe(1);
  });

  it('names who raised a queued item, also a participant still waiting', () => {
    const ops = [
      op(uuid(1), 'participant', { fullName: 'Асем', address: 'A', consent: true, consentVersion: 'v' }),
      op(uuid(2), 'item', { kind: 'complaint', text: 'Dark street', topic: 'lighting', participantClientKey: uuid(1) }),
      op(uuid(3), 'item', { kind: 'question', text: 'Who?', topic: 'other' }),
    ];
    const rows = itemRows(state(), ops);
    expect(rows.map((r) => [r.reference, r.raisedBy, r.state])).toEqual([[null, 'Асем', 'waiting'], [null, null, 'waiting']]);
  });

  it('orders decisions by number, queued ones last', () => {
    const s = state({ decisions: [{ id: uuid(9), meetingId: MEETING, number: 1, text: 'Camera', responsible: 'Akimat', dueDate: '2026-04-01', clientKey: null, createdAt: '2026-03-01T10:00:00.000Z' }] });
    const rows = decisionRows(s, [op(uuid(1), 'decision', { text: 'Patrol', responsible: 'UPP', dueDate: '2026-04-02' })]);
    expect(rows.map((r) => [r.number, r.text])).toEqual([[1, 'Camera'], [null, 'Patrol']]);
  });

  it('searches by name, address or number without case, ё or extra spaces', () => {
    const row = { fullName: 'Пётр  Иванов', address: 'Жібек жолы 5', number: 12 };
    expect(matchesSearch(row, 'петр иванов')).toBe(true);
    expect(matchesSearch(row, 'ЖІБЕК')).toBe(true);
    expect(matchesSearch(row, '12')).toBe(true);
    expect(matchesSearch(row, 'Сидоров')).toBe(false);
    expect(matchesSearch(row, '  ')).toBe(true);
  });
});

describe('form validation with the shared schemas', () => {
  it('accepts a quick entry and applies the defaults', () => {
    const result = validate(ParticipantBody, compact({ fullName: '  Айгүл Серікова ', address: 'Жібек жолы 5', phone: '', consent: true, consentVersion: 'pd-2026-1' }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data).toMatchObject({ fullName: 'Айгүл Серікова', category: 'resident', attendance: 'in_person' });
  });

  it('names the problem of each field: missing consent, empty name, bad phone, too long text', () => {
    const result = validate(ParticipantBody, compact({ fullName: '', address: 'x', phone: 'abc', consent: false, consentVersion: 'v' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual({ fullName: 'required', phone: 'invalid', consent: 'consent' });
    const item = validate(ItemBody, { kind: 'question', text: 'x'.repeat(5000), topic: 'other' });
    expect(item.ok || item.errors).toEqual({ text: 'tooLong' });
    const decision = validate(DecisionBody, compact({ text: 'Camera', responsible: 'Akimat', dueDate: '' }));
    expect(decision.ok || decision.errors).toEqual({ dueDate: 'required' });
  });
});

describe('why the live screen records nothing', () => {
  it('after signing the meeting is closed; before its day or announcement it is not open yet', () => {
    expect(closedReason({ status: 'held', recordingOpen: true })).toBeNull();
    expect(closedReason({ status: 'protocol_signed', recordingOpen: false })).toBe('signed');
    expect(closedReason({ status: 'closed', recordingOpen: false })).toBe('signed');
    expect(closedReason({ status: 'cancelled', recordingOpen: false })).toBe('cancelled');
    expect(closedReason({ status: 'postponed', recordingOpen: false })).toBe('postponed');
    expect(closedReason({ status: 'scheduled', recordingOpen: false })).toBe('notAnnounced');
    expect(closedReason({ status: 'announced', recordingOpen: false })).toBe('notYet');
  });
});

describe('a new decision\'s defaults (issue 14; R-34 asks who and by when)', () => {
  it('the recording inspector, due 30 calendar days later, across month and year ends', () => {
    expect(decisionDefaults('Серікбаев Ә.', '2026-12-17')).toEqual({ responsible: 'Серікбаев Ә.', dueDate: '2027-01-16' });
    expect(decisionDefaults('X', '2028-02-01')).toEqual({ responsible: 'X', dueDate: '2028-03-02' });
  });
  it('the result passes the decision schema', () => {
    const defaults = decisionDefaults('Серікбаев Ә.', '2026-12-17');
    expect(DecisionBody.safeParse({ text: 'Жарық орнату', ...defaults }).success).toBe(true);
  });
});

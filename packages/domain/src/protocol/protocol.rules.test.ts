import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../calendar/working-days.ts';
import {
  canonicalJson, checkDueDate, claimedTopics, competence, competenceReasonRequired, competentFlag, extensionProblem, forwardingComplete, forwardingDueDate,
  latestExtension, signingTimeliness,
} from './protocol.rules.ts';

const cal = workingCalendar([], [2026, 2027]);

describe('R-32.3 same-day signing, in Asia/Almaty', () => {
  it('23:50 Almaty on the meeting day is on time even though it is 18:50 UTC', () => {
    expect(signingTimeliness('2026-11-25', new Date('2026-11-25T23:50:00+05:00'))).toBe('on_time');
  });
  it('00:10 Almaty the next day is late although UTC still shows the meeting day', () => {
    const signedAt = new Date('2026-11-26T00:10:00+05:00');
    expect(signedAt.toISOString().slice(0, 10)).toBe('2026-11-25');
    expect(signingTimeliness('2026-11-25', signedAt)).toBe('late');
  });
});

describe('R-32.4 checks and R-32.5 forwarding terms', () => {
  it('a check opened before Nauryz 2026 is due after it', () => {
    expect(checkDueDate(cal, '2026-03-18')).toBe('2026-04-13');
  });
  it('forwarding is due 3 working days after the meeting', () => {
    expect(forwardingDueDate(cal, '2026-11-25')).toBe('2026-11-30');
  });
  it('an extension is once, with a reason, later, and at most two months past the original term', () => {
    const c = { dueDate: '2026-04-13', originalDueDate: '2026-04-13', extended: false };
    expect(latestExtension('2026-12-31')).toBe('2027-02-28');
    expect(extensionProblem(c, '2026-06-13', 'Сараптама күтілуде')).toBeNull();
    expect(extensionProblem(c, '2026-06-14', 'Сараптама')).toBe('too_long');
    expect(extensionProblem(c, '2026-05-01', ' ')).toBe('reason_required');
    expect(extensionProblem(c, '2026-04-10', 'x')).toBe('not_later');
    expect(extensionProblem({ ...c, extended: true }, '2026-05-01', 'x')).toBe('already_extended');
  });
  it('a forwarding stays open until the initiator is notified (unless the item was anonymous)', () => {
    expect(forwardingComplete({ sentOn: '2026-11-26', initiatorNotifiedOn: null, anonymous: false })).toBe(false);
    expect(forwardingComplete({ sentOn: '2026-11-26', initiatorNotifiedOn: '2026-11-27', anonymous: false })).toBe(true);
    expect(forwardingComplete({ sentOn: '2026-11-26', initiatorNotifiedOn: null, anonymous: true })).toBe(true);
  });
});

describe('canonical content', () => {
  it('does not depend on key order and normalises strings', () => {
    expect(canonicalJson({ b: 1, a: ['қ', { d: null, c: 'е\u0301' }] })).toBe(canonicalJson({ a: ['қ', { c: 'é'.normalize('NFD').replace('e', 'е'), d: null }], b: 1 }));
  });
  it('property: parsing the canonical form gives back the value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const normal = JSON.parse(JSON.stringify(v));
      return JSON.stringify(JSON.parse(canonicalJson(normal))) === JSON.stringify(JSON.parse(canonicalJson(JSON.parse(canonicalJson(normal)))));
    }));
  });
});

describe('R-32.5 competence of the body an item is forwarded to', () => {
  // The demo directory in short: the rural akim's office, a district housing department, the regional health department.
  const directory = [
    { code: 'akim', topics: ['housing', 'neighbours', 'road_safety', 'public_order'], active: true },
    { code: 'housing', topics: ['housing', 'neighbours', 'road_safety'], active: true },
    { code: 'education', topics: ['youth'], active: true },
    { code: 'health', topics: ['other'], active: true },
    { code: 'closed', topics: ['fraud'], active: false },
  ];
  const claimed = claimedTopics(directory);
  const topicsOf = (code: string) => directory.find((b) => b.code === code)!.topics;

  it('street lighting under "other", sent to the akimat, asks for no justification (issue 14)', () => {
    expect(competence(topicsOf('akim'), 'other', claimed)).toBe('undetermined');
    expect(competenceReasonRequired(topicsOf('akim'), 'other', claimed)).toBe(false);
    expect(competentFlag(competence(topicsOf('akim'), 'other', claimed))).toBeNull();
    // …with or without the directory at hand.
    expect(competenceReasonRequired(topicsOf('akim'), 'other')).toBe(false);
  });

  it('a body listing the topic is competent, "other" included', () => {
    expect(competence(topicsOf('housing'), 'housing', claimed)).toBe('competent');
    expect(competence(topicsOf('health'), 'other', claimed)).toBe('competent');
    expect(competentFlag('competent')).toBe(true);
  });

  it('a wrong body for a clear topic still warns and needs a reason', () => {
    expect(competence(topicsOf('education'), 'housing', claimed)).toBe('not_competent');
    expect(competenceReasonRequired(topicsOf('education'), 'housing', claimed)).toBe(true);
    expect(competenceReasonRequired(topicsOf('akim'), 'youth', claimed)).toBe(true);
    expect(competentFlag('not_competent')).toBe(false);
  });

  it('a topic no active body lists names nobody: no body is wrong for it', () => {
    expect(claimed.has('fraud')).toBe(false);
    expect(competence(topicsOf('akim'), 'fraud', claimed)).toBe('undetermined');
    expect(competenceReasonRequired(topicsOf('education'), 'fraud', claimed)).toBe(false);
    // Without the directory, every topic but the catch-all is clear.
    expect(competenceReasonRequired(topicsOf('education'), 'fraud')).toBe(true);
  });

  it('a reason is asked exactly when the topic is clear and the body does not list it', () => {
    const topics = ['public_order', 'domestic_violence', 'road_safety', 'fraud', 'youth', 'neighbours', 'housing', 'other', 'new_topic'];
    fc.assert(fc.property(fc.subarray(topics), fc.constantFrom(...topics), fc.subarray(topics), (bodyTopics, topic, listed) => {
      const clear = topic !== 'other' && listed.includes(topic);
      expect(competenceReasonRequired(bodyTopics, topic, listed)).toBe(clear && !bodyTopics.includes(topic));
    }));
  });
});

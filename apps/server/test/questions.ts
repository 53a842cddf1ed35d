import { residentQuestions } from '@esep/db';
import { afterAll, beforeAll, expect } from 'vitest';
import { solvePow } from '../src/services/question/question.pow.ts';
import { districtIds, meetingInProgress } from './holding.ts';
import { login, testApp, type Client, type TestApp } from './harness.ts';

/**
 * the server, accounts and meetings the questions tests share (questions.int.test.ts and
 * questions.pow.int.test.ts): a meeting of ALM-KAR-P2-D01 under way, another territory's, and a
 * browser's way of opening the public form and sending it back. Registers its own beforeAll and
 * afterAll; what it sets up is in `q` once those have run.
 */
export const CODE = 'ALM-KAR-P2-D01';

export function questionsSetup() {
  const q = {
    t: undefined as unknown as TestApp,
    c: {} as Record<string, Client>,
    ids: {} as Record<string, string>,
    meetingId: '',
    otherMeetingId: '',
    /** While the meeting (started 30 minutes ago, two hours long) is still ahead of its end. */
    start: new Date(0),
  };
  let ipSeq = 0;
  /** A fresh client address on its own /24 network, so limits of one test do not touch another. */
  const freshIp = () => `198.51.${100 + (ipSeq += 1)}.7`;

  async function openForm(ip: string, query = '', lang = 'ru') {
    const page = await q.t.app.inject({ method: 'GET', url: `/d/${CODE}/ask${query}`, headers: { 'accept-language': lang }, remoteAddress: ip });
    expect(page.statusCode, page.body).toBe(200);
    const challenge = /name="challenge" value="([^"]+)"/.exec(page.body)![1]!;
    const meeting = /name="meeting" value="([^"]+)"/.exec(page.body)?.[1];
    return { page, challenge, meeting };
  }

  /**
   * Opens the form, waits, sends it back. Like a browser with script, it solves the proof of work
   * for the challenge it sends, unless `pow` names one (`''`: a browser without script).
   */
  async function send(fields: Record<string, string>, options: SendOptions = {}) {
    const ip = options.ip ?? freshIp();
    const form = await openForm(ip, '', options.lang);
    q.t.clock.advance(options.wait ?? 5_000);
    const challenge = options.challenge ?? form.challenge;
    const pow = options.pow ?? (challenge ? solvePow(challenge) : '');
    const payload = options.body ?? new URLSearchParams({ challenge, pow, ...(form.meeting ? { meeting: form.meeting } : {}), ...fields }).toString();
    const response = await q.t.app.inject({
      method: 'POST', url: `/d/${CODE}/ask`, payload, remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': options.lang ?? 'ru' },
    });
    const link = /href="[^"]*(\/q\/[A-Za-z0-9_-]{43})[^"]*"/.exec(response.body)?.[1];
    const reason = /data-reason="([a-z_]+)"/.exec(response.body)?.[1];
    return { response, link, ip, challenge, pow, reason };
  }
  const count = async () => (await q.t.database.db.select().from(residentQuestions)).length;

  beforeAll(async () => {
    q.t = await testApp();
    for (const name of ['admin', 'inspector', 'inspector2', 'akimat']) q.c[name] = await login(q.t.app, name);
    q.ids = await districtIds(q.c.admin!);
    q.meetingId = await meetingInProgress(q.t, q.c.inspector!, q.ids[CODE]!);
    q.otherMeetingId = await meetingInProgress(q.t, q.c.inspector2!, q.ids['ALM-TAL-P1-D01']!);
    q.start = q.t.clock.now();
    q.t.clock.set(q.start);
  }, 120_000);
  afterAll(async () => { await q.t?.close(); });

  return { q, freshIp, openForm, send, count };
}

export interface SendOptions { ip?: string; lang?: string; wait?: number; challenge?: string; pow?: string; body?: string }

export const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

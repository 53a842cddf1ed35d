import { randomUUID } from 'node:crypto';
import { meetings } from '@esep/db';
import { CONSENT_VERSION } from '@esep/domain';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Client, TestApp } from './harness.ts';
import { meetingInProgress } from './holding.ts';
import { meetingDates } from './meetings.ts';

export interface PlannedItem { resolution: 'to_check' | 'to_forward' | 'answered'; topic?: string; person?: string; text?: string }

/**
 * A meeting held today in one district, with the given items (a `person` registers and raises
 * the item; without one it is anonymous) and decisions, whose protocol is then marked signed in
 * the database (signing itself belongs to the protocol's tests).
 */
export async function signedMeeting(t: TestApp, inspector: Client, districtId: string, items: PlannedItem[], decisions = 0) {
  const id = await meetingInProgress(t, inspector, districtId);
  const itemIds: string[] = [];
  for (const [i, item] of items.entries()) {
    let participantId: string | undefined;
    if (item.person) {
      const sync = await inspector.send('POST', `/api/v1/meetings/${id}/live/sync`, {
        operations: [{ kind: 'participant', clientKey: randomUUID(), data: { fullName: item.person, address: `Шамалған а., Абай к-сі, ${i + 1}`, consent: true, consentVersion: CONSENT_VERSION } }],
      });
      expect(sync.json().results[0].status, sync.body).toBe('created');
      participantId = sync.json().results[0].id;
    }
    const created = await inspector.send('POST', `/api/v1/meetings/${id}/items`, {
      kind: 'complaint', text: item.text ?? `Мәселе ${i + 1}: көшеде жарық жоқ`, topic: item.topic ?? 'housing', resolution: item.resolution,
      ...(item.resolution === 'answered' ? { answer: 'Жауап берілді' } : {}), ...(participantId ? { participantId } : {}),
    });
    expect(created.statusCode, created.body).toBe(201);
    itemIds.push(created.json().id);
  }
  const decisionIds: string[] = [];
  const { today } = meetingDates(t.clock);
  for (let i = 0; i < decisions; i += 1) {
    const created = await inspector.send('POST', `/api/v1/meetings/${id}/decisions`, { text: `Шешім ${i + 1}: жарықтандыруды қалпына келтіру`, responsible: 'Ауыл әкімі', dueDate: today });
    expect(created.statusCode, created.body).toBe(201);
    decisionIds.push(created.json().id);
  }
  await t.database.db.update(meetings).set({ status: 'protocol_signed' }).where(eq(meetings.id, id));
  return { id, itemIds, decisionIds };
}

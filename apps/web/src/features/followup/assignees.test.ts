import { describe, expect, it } from 'vitest';
import { assigneeOptions } from './assignees.ts';

const a = { id: '00000000-0000-4000-8000-00000000000a', fullName: 'Әбенов Дәулет' };
const b = { id: '00000000-0000-4000-8000-00000000000b', fullName: 'Бекова Айгүл' };
const c = { id: '00000000-0000-4000-8000-00000000000c', fullName: 'Ахметов Ерлан' };

describe('whom a check can be reassigned to (R-32.4, R-33)', () => {
  it('lists the point\'s inspectors and the meeting\'s own inspectors once each, by name', () => {
    const options = assigneeOptions([b, a], [c, a], null, 'kk');
    expect(options.map((o) => o.value).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(new Set(options.map((o) => o.value)).size).toBe(3);
    expect(options.map((o) => o.label)).toEqual([...options.map((o) => o.label)].sort(new Intl.Collator('kk').compare));
  });

  it('does not offer the current assignee', () => {
    expect(assigneeOptions([a, b], [], a.id).map((o) => o.value)).toEqual([b.id]);
  });

  it('is empty when there is no one else', () => {
    expect(assigneeOptions([a], [a], a.id)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ResidentQuestionForm } from './question.contract.ts';

const form = (over: Record<string, unknown> = {}) => ResidentQuestionForm.safeParse({ kind: 'question', text: 'Жарық жоқ', name: '', contact: '', consent: false, ...over });
const failedFields = (over: Record<string, unknown>) => {
  const r = form(over);
  return r.success ? [] : r.error.issues.map((i) => String(i.path[0]));
};

describe('the question form (R-29)', () => {
  it('trims the text, drops empty name and contact, needs no consent without them', () => {
    const r = form({ text: '  <b>Жарық</b> жоқ  ' });
    expect(r.success && r.data).toMatchObject({ text: '<b>Жарық</b> жоқ', name: null, contact: null });
  });
  it('refuses empty or too long text and unknown kinds', () => {
    expect(failedFields({ text: '   ' })).toEqual(['text']);
    expect(failedFields({ text: 'я'.repeat(2001) })).toEqual(['text']);
    expect(form({ text: 'я'.repeat(2000) }).success).toBe(true);
    expect(failedFields({ kind: 'spam' })).toEqual(['kind']);
  });
  it('accepts an e-mail or a +7 phone (spaces and dashes dropped), refuses anything else', () => {
    const phone = form({ contact: '+7 (701) 234-56-78', consent: true });
    expect(phone.success && phone.data.contact).toBe('+77012345678');
    expect(form({ contact: 'aigul@example.kz', consent: true }).success).toBe(true);
    for (const bad of ['87012345678', '+7701', '+1 212 555 0100', 'aigul@', 'not a contact']) expect(failedFields({ contact: bad, consent: true })).toEqual(['contact']);
  });
  it('needs consent once a name or a contact is given', () => {
    expect(failedFields({ name: 'Айгүл' })).toEqual(['consent']);
    expect(failedFields({ contact: 'aigul@example.kz' })).toEqual(['consent']);
    expect(form({ name: 'Айгүл', consent: true }).success).toBe(true);
  });
});

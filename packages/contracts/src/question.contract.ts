import { z } from 'zod';
import { OptionalLine, PlainText } from './text.contract.ts';

/*
 * questions, complaints and proposals residents send ahead of the meeting — the public
 * form's fields and the inspector's preparation list.
 */
export const RESIDENT_QUESTION_KINDS = ['question', 'complaint', 'proposal'] as const;
export type ResidentQuestionKind = (typeof RESIDENT_QUESTION_KINDS)[number];
export const RESIDENT_QUESTION_MAX = 2000;

/** An e-mail address, or a Kazakhstan phone number in E.164 (+7 and ten digits). */
export const QUESTION_EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]+\.[^\s@<>]{2,}$/;
export const QUESTION_PHONE = /^\+7\d{10}$/;

/** What the form sends, after the challenge and the honeypot are checked (fields by name: kind, text, name, contact, consent). */
export const ResidentQuestionForm = z.object({
  kind: z.enum(RESIDENT_QUESTION_KINDS, { error: 'kind' }),
  text: PlainText(RESIDENT_QUESTION_MAX),
  name: OptionalLine(200),
  /** Spaces, dashes and brackets in a phone number are dropped before the check. */
  contact: OptionalLine(200).transform((v) => (v && !v.includes('@') ? v.replace(/[\s()-]/g, '') : v))
    .refine((v) => v == null || QUESTION_EMAIL.test(v) || QUESTION_PHONE.test(v), { error: 'contact' }),
  consent: z.boolean(),
}).refine((f) => f.consent || (f.name == null && f.contact == null), { error: 'consent_required', path: ['consent'] });
export type ResidentQuestionForm = z.infer<typeof ResidentQuestionForm>;

/** One question in the inspector's preparation list. The contact itself only for those who answer (`contact` null otherwise). */
export const ResidentQuestion = z.object({
  id: z.uuid(),
  kind: z.enum(RESIDENT_QUESTION_KINDS),
  text: z.string(),
  sentAt: z.iso.datetime(),
  /** Attached to this meeting when sent (false: sent before it while none was announced). */
  attached: z.boolean(),
  hasContact: z.boolean(),
  authorName: z.string().nullable(),
  contact: z.string().nullable(),
  itemId: z.uuid().nullable(),
  itemNumber: z.number().int().nullable(),
}).meta({ id: 'ResidentQuestion' });
export type ResidentQuestion = z.infer<typeof ResidentQuestion>;

export const ResidentQuestionLinkBody = z.object({ itemId: z.uuid().nullable() }).strict().meta({ id: 'ResidentQuestionLink' });
export type ResidentQuestionLinkBody = z.infer<typeof ResidentQuestionLinkBody>;
export const ResidentQuestionParams = z.object({ id: z.uuid(), questionId: z.uuid() });

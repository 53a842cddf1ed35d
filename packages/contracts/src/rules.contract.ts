import { z } from 'zod';

const Localised = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const RulesCatalogue = z.object({
  version: z.string(),
  rules: z.array(z.object({ id: z.string(), paragraph: z.string(), title: Localised, text: Localised, effectiveFrom: z.string() })),
}).meta({ id: 'RulesCatalogue' });

export const AcknowledgementState = z.object({ version: z.string(), acknowledgedAt: z.iso.datetime().nullable() }).meta({ id: 'Acknowledgement' });

export const AcknowledgementReport = z.object({
  version: z.string(),
  total: z.number().int(), acknowledged: z.number().int(),
  items: z.array(z.object({
    userId: z.uuid(), username: z.string(), displayName: z.string(), role: z.string(),
    staff: z.object({ id: z.uuid(), code: z.string(), fullName: z.string(), position: z.string() }),
    unit: z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string() }),
    pointCode: z.string().nullable(), acknowledgedAt: z.iso.datetime().nullable(),
  })),
}).meta({ id: 'AcknowledgementReport' });

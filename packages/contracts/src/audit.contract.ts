import { z } from 'zod';
import { IsoDate, listQuery, page } from './list.contract.ts';
import { SearchText } from './text.contract.ts';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  clientAddress: z.string().nullable(),
  hash: z.string(),
}).meta({ id: 'AuditEntry' });

export const AuditListQuery = listQuery(['at', 'action', 'entityType']).extend({
  actorId: z.uuid().optional(), entityType: SearchText(50).optional(), entityId: SearchText(100).optional(),
  action: SearchText(80).optional(), from: IsoDate.optional(), to: IsoDate.optional(),
}).strict();
export const AuditPage = page(AuditEntry).meta({ id: 'AuditPage' });

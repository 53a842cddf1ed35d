import { z } from 'zod';

/** The user's abilities on a record, computed by the policy module and sent with the record. */
export const Abilities = z.object({
  read: z.boolean(), create: z.boolean(), update: z.boolean(), delete: z.boolean(),
  import: z.boolean(), export: z.boolean(),
}).meta({ id: 'Abilities' });

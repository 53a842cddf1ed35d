import { z } from 'zod';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  migration: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
}).meta({ id: 'Health' });

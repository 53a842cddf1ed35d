import { z } from 'zod';
import { Abilities } from './access.contract.ts';
import { Role } from './auth.contract.ts';
import { Locale } from './error.contract.ts';
import { listQuery, page } from './list.contract.ts';
import { Text } from './text.contract.ts';

export const User = z.object({
  id: z.uuid(), username: z.string(), displayName: z.string(), role: Role, locale: Locale,
  staffId: z.uuid().nullable(), territoryId: z.uuid().nullable(), lockedUntil: z.iso.datetime().nullable(),
  abilities: Abilities,
}).meta({ id: 'User' });

export const UserCreateBody = z.object({
  username: z.string().trim().min(3).max(100).regex(/^[a-z0-9._-]+$/),
  displayName: Text(200),
  password: z.string().min(10).max(200),
  role: Role,
  locale: Locale.default('kk'),
  staffId: z.uuid().nullable().optional(),
  /** Region, unit, point or ATU id, by the role's level; none for national roles and inspectors. */
  territoryId: z.uuid().nullable().optional(),
}).strict().meta({ id: 'UserCreate' });

export const UserListQuery = listQuery(['username', 'displayName', 'role']).extend({ role: Role.optional() }).strict();
export const UserPage = page(User).meta({ id: 'UserPage' });

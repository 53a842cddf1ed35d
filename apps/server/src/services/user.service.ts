import { constraintViolation, containerPath, insertUser, listUsers, staffById, userByUsername, type PageRequest, type UserRow } from '@esep/db';
import { abilities, ROLE_LEVEL } from '@esep/domain';
import { AppError } from '../http/app-error.ts';
import { inTransaction, requireActor, type ServiceContext } from './context.ts';
import { hashPassword } from './password.ts';

export function presentUser(ctx: ServiceContext, user: UserRow) {
  return {
    id: user.id, username: user.username, displayName: user.displayName, role: user.role, locale: user.locale,
    staffId: user.staffId, territoryId: user.territoryId, lockedUntil: user.lockedUntil?.toISOString() ?? null,
    abilities: abilities(requireActor(ctx), { resource: 'user', ownerId: user.id }),
  };
}

export async function users(ctx: ServiceContext, filter: { role?: UserRow['role'] | undefined }, request: PageRequest) {
  const actor = requireActor(ctx);
  // Only the administrator lists accounts; everyone else sees his own.
  const page = await listUsers(ctx.db, { ...filter, onlyId: actor.role === 'admin' ? undefined : actor.id }, request);
  return { ...page, items: page.items.map((u) => presentUser(ctx, u)) };
}

export interface NewUser {
  username: string; displayName: string; password: string; role: UserRow['role']; locale: UserRow['locale'];
  staffId?: string | null | undefined; territoryId?: string | null | undefined;
}

const USERNAME_TAKEN = [{ field: 'body.username', reason: 'taken' }];

export async function createUser(ctx: ServiceContext, input: NewUser) {
  return presentUser(ctx, await createAccount(ctx, input));
}

/** The account itself, audited; the administrator's request (above) and `npm run user:create` both come here. */
export async function createAccount(ctx: ServiceContext, input: NewUser): Promise<UserRow> {
  if (await userByUsername(ctx.db, input.username)) throw new AppError('conflict', USERNAME_TAKEN);
  // The staff member and the territory must exist (the territory at the role's level), or the
  // account would be stored pointing at nothing.
  if (input.staffId && !(await staffById(ctx.db, input.staffId))) throw new AppError('validation_failed', [{ field: 'body.staffId', reason: 'not_found' }]);
  const level = ROLE_LEVEL[input.role];
  if (input.territoryId) {
    if (level === 'national' || level === 'districts') throw new AppError('validation_failed', [{ field: 'body.territoryId', reason: `none_for_${input.role}` }]);
    if (!(await containerPath(ctx.db, level, input.territoryId))) throw new AppError('validation_failed', [{ field: 'body.territoryId', reason: `not_a_${level}` }]);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const { password: _password, ...rest } = input;
      const user = await insertUser(tx, { ...rest, staffId: rest.staffId ?? null, territoryId: rest.territoryId ?? null, passwordHash, passwordChangedAt: ctx.now() });
      await audit({ action: 'user.create', entityType: 'user', entityId: user.id, after: { ...user, passwordHash: undefined } });
      return user;
    });
  } catch (error) {
    // Two administrators creating the same login at once: the second is told, not a 500.
    if (constraintViolation(error)?.fields.includes('username')) throw new AppError('conflict', USERNAME_TAKEN);
    throw error;
  }
}

import { insertUser, listUsers, userByUsername, type PageRequest, type UserRow } from '@esep/db';
import { abilities } from '@esep/domain';
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

export async function createUser(ctx: ServiceContext, input: NewUser) {
  return presentUser(ctx, await createAccount(ctx, input));
}

/** The account itself, audited; the administrator's request (above) and `npm run user:create` both come here. */
export async function createAccount(ctx: ServiceContext, input: NewUser): Promise<UserRow> {
  if (await userByUsername(ctx.db, input.username)) throw new AppError('conflict', [{ field: 'body.username', reason: 'taken' }]);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx, audit) => {
    const { password: _password, ...rest } = input;
    const user = await insertUser(tx, { ...rest, staffId: rest.staffId ?? null, territoryId: rest.territoryId ?? null, passwordHash, passwordChangedAt: ctx.now() });
    await audit({ action: 'user.create', entityType: 'user', entityId: user.id, after: { ...user, passwordHash: undefined } });
    return user;
  });
}

import {
  deleteSession, deleteUserSessions, insertSession, loadScope, recordFailedLogin, updateUser, userById, userByUsername,
  type UserRow,
} from '@esep/db';
import type { Actor } from '@esep/domain';
import type { Config } from '../config.ts';
import { AppError } from '../http/app-error.ts';
import { newCsrfToken, newToken, sessionId } from '../plugins/auth.plugin.ts';
import { inTransaction, requireActor, type ServiceContext } from './context.ts';
import { burnVerification, hashPassword, verifyPassword } from './password.ts';

export function presentSessionUser(user: UserRow, actor: Actor) {
  return {
    id: user.id, username: user.username, displayName: user.displayName, role: user.role, locale: user.locale,
    staffId: user.staffId, territoryId: user.territoryId,
    scope: { level: actor.scope.level, ids: [...actor.scope.ids] },
  };
}

/**
 * Checks a username and password. Failures are counted per account; after
 * `login.maxFailures` in a row the account is locked for `login.lockMs`.
 */
export async function authenticate(ctx: ServiceContext, config: Config, username: string, password: string): Promise<UserRow> {
  const user = await userByUsername(ctx.db, username);
  if (!user || !user.passwordHash) {
    await burnVerification(password);
    throw new AppError('invalid_credentials');
  }
  if (user.isDemo && config.env === 'production') throw new AppError('demo_disabled');
  const now = ctx.now();
  if (user.lockedUntil && user.lockedUntil > now) throw new AppError('account_locked', { until: user.lockedUntil.toISOString() });
  if (!(await verifyPassword(user.passwordHash, password))) {
    await inTransaction({ ...ctx, actor: { id: user.id, role: user.role, scope: { level: 'national', ids: [], ancestors: { regionIds: [], unitIds: [], pointIds: [] } } }, actorName: user.username }, async (tx, audit) => {
      const failures = await recordFailedLogin(tx, user.id, (n) => (n >= config.login.maxFailures ? new Date(now.getTime() + config.login.lockMs) : null));
      await audit({ action: failures >= config.login.maxFailures ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, after: { failedLogins: failures } });
    });
    throw new AppError('invalid_credentials');
  }
  return user;
}

export interface IssuedSession { user: UserRow; token: string; csrfToken: string; expiresAt: Date }

/** Opens a cookie session (web) or issues a Bearer token (scripts and integrations). */
export async function openSession(ctx: ServiceContext, config: Config, user: UserRow, kind: 'cookie' | 'bearer', via = 'password'): Promise<IssuedSession> {
  const token = newToken();
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(ctx.now().getTime() + (kind === 'cookie' ? config.sessionTtlMs : config.tokenTtlMs));
  const actorCtx = { ...ctx, actor: { id: user.id, role: user.role, scope: await loadScope(ctx.db, user, ctx.today) }, actorName: user.username };
  await inTransaction(actorCtx, async (tx, audit) => {
    if (user.failedLogins > 0 || user.lockedUntil) await updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null }, ctx.now());
    await insertSession(tx, { id: sessionId(token), userId: user.id, kind, csrfToken, expiresAt });
    await audit({ action: kind === 'cookie' ? 'auth.login' : 'auth.token_issued', entityType: 'user', entityId: user.id, after: { via } });
  });
  return { user, token, csrfToken, expiresAt };
}

export async function closeSession(ctx: ServiceContext, id: string) {
  await inTransaction(ctx, async (tx, audit) => {
    await deleteSession(tx, id);
    await audit({ action: 'auth.logout', entityType: 'user', entityId: ctx.actor?.id ?? null });
  });
}

/** Changing the password ends every other session of the user. */
export async function changePassword(ctx: ServiceContext, currentSessionId: string, current: string, next: string) {
  const actor = requireActor(ctx);
  const user = await userById(ctx.db, actor.id);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) throw new AppError('wrong_password');
  if (next.length < 10) throw new AppError('password_policy');
  const passwordHash = await hashPassword(next);
  await inTransaction(ctx, async (tx, audit) => {
    await updateUser(tx, user.id, { passwordHash, passwordChangedAt: ctx.now() }, ctx.now());
    await deleteUserSessions(tx, user.id, currentSessionId);
    await audit({ action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
}

export async function setLocale(ctx: ServiceContext, locale: UserRow['locale']) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const before = await userById(tx, actor.id);
    const user = await updateUser(tx, actor.id, { locale }, ctx.now());
    await audit({ action: 'user.preferences', entityType: 'user', entityId: actor.id, before: { locale: before?.locale }, after: { locale } });
    return user!;
  });
}

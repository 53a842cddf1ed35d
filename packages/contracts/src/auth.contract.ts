import { z } from 'zod';
import { Locale } from './error.contract.ts';
import { Text } from './text.contract.ts';

export const ROLE_VALUES = [
  'admin', 'national_analyst', 'regional_head', 'unit_head', 'point_lead', 'inspector',
  'assistant', 'akimat', 'auditor',
] as const;
export const Role = z.enum(ROLE_VALUES);

export const LoginBody = z.object({
  username: Text(100),
  password: z.string().min(1).max(200),
}).strict().meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

export const ScopeInfo = z.object({
  level: z.enum(['national', 'region', 'unit', 'point', 'districts', 'atu']),
  ids: z.array(z.uuid()),
});

export const SessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  locale: Locale,
  staffId: z.uuid().nullable(),
  territoryId: z.uuid().nullable(),
  scope: ScopeInfo,
}).meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionResponse = z.object({
  user: SessionUser,
  /** Sent back in the `X-CSRF-Token` header on every cookie-authenticated write. */
  csrfToken: z.string(),
}).meta({ id: 'Session' });
export type SessionResponse = z.infer<typeof SessionResponse>;

export const TokenResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
}).meta({ id: 'Token' });

/** The key sealing the user's unsent live-screen entries on his device (AES-256-GCM, 32 bytes, base64url). */
export const OutboxKeyResponse = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).meta({ id: 'OutboxKey' });

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
}).strict().meta({ id: 'PasswordChange' });

export const PreferencesBody = z.object({ locale: Locale }).strict().meta({ id: 'Preferences' });

export const OidcConfigResponse = z.object({ enabled: z.boolean(), label: z.string().nullable() });

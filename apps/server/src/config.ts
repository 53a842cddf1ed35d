import { resolve } from 'node:path';
import { z } from 'zod';

/** Every setting Esep reads from the environment (README lists them). */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol)).optional(),
  ESEP_DEMO: z.enum(['0', '1']).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  TOKEN_TTL_DAYS: z.coerce.number().positive().default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  WEB_DIST: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().default('OpenID Connect'),
  OIDC_ROLE_CLAIM: z.string().default('esep_role'),
  ESEP_AT_RISK_DAYS: z.coerce.number().int().min(0).max(92).default(30),
  ESEP_SELF_REGISTRATION_RATE: z.coerce.number().int().positive().default(60),
  ESEP_VIDEO_MAX_BYTES: z.coerce.number().int().positive().default(8 * 1024 ** 3),
  ESEP_UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().default(48),
  ESEP_RETENTION_DAYS: z.coerce.number().int().min(365).default(365),
  ESEP_S3_BUCKET: z.string().optional(),
  ESEP_S3_ENDPOINT: z.string().url().optional(),
  ESEP_S3_REGION: z.string().default('us-east-1'),
  ESEP_S3_ACCESS_KEY: z.string().optional(),
  ESEP_S3_SECRET_KEY: z.string().optional(),
  ESEP_S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('0'),
  ESEP_SIGNING_KEY: z.string().min(32).optional(),
  ESEP_NCANODE_URL: z.string().url().optional(),
  ESEP_API_DOCS: z.enum(['0', '1']).default('1'),
});

/**
 * What to set, for each variable: a configuration error names the variable and this, on one line.
 * Values of secrets are never repeated back.
 */
const HINTS: Record<keyof typeof Env.shape, string> = {
  NODE_ENV: 'development, production or test',
  PORT: 'a port number from 0 to 65535',
  HOST: 'the address to listen on, e.g. 0.0.0.0',
  DATA_DIR: 'a directory for the embedded database and stored files',
  DATABASE_URL: 'a PostgreSQL URL such as postgres://esep:password@db.example.kz:5432/esep',
  ESEP_DEMO: '0 or 1',
  SESSION_TTL_HOURS: 'a positive number of hours',
  TOKEN_TTL_DAYS: 'a positive number of days',
  LOGIN_MAX_FAILURES: 'a positive whole number',
  LOGIN_LOCK_MINUTES: 'a positive number of minutes',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace or silent',
  TRUST_PROXY: '0 or 1',
  WEB_DIST: 'the directory of the built web app',
  PUBLIC_URL: 'the external URL of the site, such as https://esep.example.kz',
  OIDC_ISSUER: 'the OpenID Connect issuer URL',
  OIDC_CLIENT_ID: 'the client id registered at the provider',
  OIDC_CLIENT_SECRET: 'the client secret registered at the provider',
  OIDC_LABEL: 'the login button label',
  OIDC_ROLE_CLAIM: 'a claim name',
  ESEP_AT_RISK_DAYS: 'a whole number of days from 0 to 92',
  ESEP_SELF_REGISTRATION_RATE: 'a positive whole number per minute',
  ESEP_VIDEO_MAX_BYTES: 'a positive whole number of bytes',
  ESEP_UPLOAD_EXPIRY_HOURS: 'a positive number of hours',
  ESEP_RETENTION_DAYS: 'a whole number of days, at least 365',
  ESEP_S3_BUCKET: 'a bucket name',
  ESEP_S3_ENDPOINT: 'the S3 endpoint URL',
  ESEP_S3_REGION: 'an S3 region',
  ESEP_S3_ACCESS_KEY: 'an S3 access key',
  ESEP_S3_SECRET_KEY: 'an S3 secret key',
  ESEP_S3_FORCE_PATH_STYLE: '0 or 1',
  ESEP_SIGNING_KEY: 'a secret of at least 32 characters, e.g. the output of `openssl rand -base64 48`',
  ESEP_NCANODE_URL: 'the URL of the NCANode service',
  ESEP_API_DOCS: '0 to switch off the interactive API docs at /api/docs, or 1',
};
const SECRET = /KEY|SECRET|DATABASE_URL/;

/** A setting Esep cannot start with: the message is one line naming the variable and what to set. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function configError(issues: ReadonlyArray<{ path: PropertyKey[] }>, env: Record<string, string | undefined>): ConfigError {
  const names = [...new Set(issues.map((i) => String(i.path[0])))] as Array<keyof typeof HINTS>;
  return new ConfigError(names.map((name) => {
    const value = env[name];
    const shown = value === undefined ? ' is not set' : SECRET.test(name) ? ' is not valid' : `=${JSON.stringify(value)} is not valid`;
    return `${name}${shown}: set it to ${HINTS[name] ?? 'a valid value'}`;
  }).join('; '));
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Create the demo region on first start with an empty embedded database. */
  demo: boolean;
  sessionTtlMs: number;
  tokenTtlMs: number;
  login: { maxFailures: number; lockMs: number };
  logLevel: string;
  trustProxy: boolean;
  webDist: string;
  publicUrl: string;
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined; label: string; roleClaim: string } | null;
  /** a district with no meeting planned is "at risk" when fewer days than this remain to announce one. */
  atRiskDays: number;
  /** self-registrations accepted per minute from one client address for one meeting. */
  selfRegistrationRate: number;
  /** the largest video file accepted (bytes). */
  videoMaxBytes: number;
  /** an upload not finished this long after it started expires (its partial file deleted, its record marked). */
  uploadExpiryMs: number;
  /** materials are kept at least this many days from the meeting date (≥ 365). */
  retentionDays: number;
  /** Videos go to this S3-compatible bucket when set; else to DATA_DIR/videos. */
  s3: { bucket: string; endpoint: string | undefined; region: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean } | null;
  /** the server key sealing the built-in signer's private keys (unset: a random secret file under DATA_DIR, not in production). */
  signingKey?: string | undefined;
  /** An NCANode-compatible service verifying qualified signatures (CMS from NCALayer); unset: only the built-in signer. */
  ncanodeUrl?: string | undefined;
  /** The interactive API docs at /api/docs (`ESEP_API_DOCS=0` switches them off; /api/openapi.json stays). */
  apiDocs: boolean;
}

/** Where the database is: PostgreSQL at DATABASE_URL, else the embedded PGlite under DATA_DIR. */
export function databaseLocation(config: Pick<Config, 'databaseUrl' | 'dataDir'>): { url: string } | { dataDir: string } {
  return config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (shells and CI files often export VAR= to clear one).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) throw configError(parsed.error.issues, present);
  const e = parsed.data;
  const port = e.PORT;
  // Production needs what a development start makes up: the key sealing the signing keys
  // and the public address printed in every QR code of a signed protocol.
  if (e.NODE_ENV === 'production') {
    const missing = (['ESEP_SIGNING_KEY', 'PUBLIC_URL'] as const).filter((name) => !e[name]);
    if (missing.length) throw new ConfigError(missing.map((name) => `${name} is not set: in production set it to ${HINTS[name]}`).join('; '));
  }
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.ESEP_DEMO !== '0',
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    tokenTtlMs: e.TOKEN_TTL_DAYS * 86400_000,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMs: e.LOGIN_LOCK_MINUTES * 60_000 },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === '1',
    webDist: resolve(e.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${port}`,
    oidc: e.OIDC_ISSUER && e.OIDC_CLIENT_ID
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, label: e.OIDC_LABEL, roleClaim: e.OIDC_ROLE_CLAIM }
      : null,
    atRiskDays: e.ESEP_AT_RISK_DAYS,
    selfRegistrationRate: e.ESEP_SELF_REGISTRATION_RATE,
    videoMaxBytes: e.ESEP_VIDEO_MAX_BYTES,
    uploadExpiryMs: e.ESEP_UPLOAD_EXPIRY_HOURS * 3600_000,
    retentionDays: e.ESEP_RETENTION_DAYS,
    s3: e.ESEP_S3_BUCKET
      ? { bucket: e.ESEP_S3_BUCKET, endpoint: e.ESEP_S3_ENDPOINT, region: e.ESEP_S3_REGION, accessKeyId: e.ESEP_S3_ACCESS_KEY, secretAccessKey: e.ESEP_S3_SECRET_KEY, forcePathStyle: e.ESEP_S3_FORCE_PATH_STYLE === '1' }
      : null,
    signingKey: e.ESEP_SIGNING_KEY,
    ncanodeUrl: e.ESEP_NCANODE_URL,
    apiDocs: e.ESEP_API_DOCS === '1',
  };
}

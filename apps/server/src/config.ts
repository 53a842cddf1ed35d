import { resolve } from 'node:path';
import { z } from 'zod';

/** Every setting Esep reads from the environment (README lists them). */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
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
  const e = Env.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  const port = e.PORT;
  if (e.NODE_ENV === 'production' && !e.ESEP_SIGNING_KEY) throw new Error('ESEP_SIGNING_KEY must be set in production (the key sealing protocol signing keys)');
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

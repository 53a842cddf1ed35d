import { resolve } from 'node:path';
import { z } from 'zod';
import { SMS_DEFAULT_URLS, SMS_GATEWAYS, type SmsGateway, unknownPlaceholders } from './notifications/channels/sms.channel.ts';

/** A From header: an address, or a display name and the address in angle brackets. */
const MAIL_FROM = /^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;
const smsTemplate = (v: string) => {
  if (unknownPlaceholders(v).length) return false;
  if (!v.trim().startsWith('{')) return v.includes('=');
  try { const parsed: unknown = JSON.parse(v); return !!parsed && typeof parsed === 'object' && !Array.isArray(parsed); } catch { return false; }
};

/** Every setting Esep reads from the environment (README lists them). */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol)).optional(),
  DATABASE_READ_URL: z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol)).optional(),
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
  ESEP_JOBS: z.enum(['all', 'none', 'only']).optional(),
  ESEP_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(5).default(120),
  ESEP_SEND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(30),
  ESEP_CLOCK_AT: z.iso.datetime({ offset: true }).optional(),
  ESEP_CLOCK_SINCE: z.iso.datetime({ offset: true }).optional(),
  // Issue 12: the delivery channels; each is configured whole or not at all (notificationsConfig).
  ESEP_SMTP_URL: z.string().refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol) && !!new URL(v).hostname).optional(),
  ESEP_MAIL_FROM: z.string().regex(MAIL_FROM).optional(),
  ESEP_TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/).optional(),
  ESEP_TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  ESEP_SMS_GATEWAY: z.enum(SMS_GATEWAYS).optional(),
  ESEP_SMS_URL: z.string().url().optional(),
  ESEP_SMS_METHOD: z.enum(['GET', 'POST']).optional(),
  ESEP_SMS_API_KEY: z.string().optional(),
  ESEP_SMS_LOGIN: z.string().optional(),
  ESEP_SMS_PASSWORD: z.string().optional(),
  ESEP_SMS_SENDER: z.string().max(15).optional(),
  ESEP_SMS_TEMPLATE: z.string().refine(smsTemplate).optional(),
  ESEP_WHATSAPP_TOKEN: z.string().optional(),
  ESEP_WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/).optional(),
  ESEP_WHATSAPP_TEMPLATE: z.string().regex(/^[a-z0-9_]{1,512}$/).optional(),
  ESEP_WHATSAPP_API_ROOT: z.string().url().default('https://graph.facebook.com'),
  ESEP_WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v21.0'),
  // Issue 13: residents subscribe through the bot's deep link; Telegram posts /start to the webhook.
  ESEP_TELEGRAM_BOT_USERNAME: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/).optional(),
  ESEP_TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/).optional(),
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
  DATABASE_READ_URL: 'the PostgreSQL URL of a read replica of DATABASE_URL, such as postgres://esep:password@db-replica.example.kz:5432/esep',
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
  ESEP_JOBS: 'all (serve and run background jobs), none (serve only) or only (run jobs only)',
  ESEP_DELIVERY_LEASE_SECONDS: 'a whole number of seconds, at least 5 (longer than ESEP_SEND_TIMEOUT_SECONDS)',
  ESEP_SEND_TIMEOUT_SECONDS: 'a positive whole number of seconds',
  ESEP_CLOCK_AT: 'an instant with its offset, e.g. 2026-12-04T20:00:00+05:00 (not in production)',
  ESEP_CLOCK_SINCE: 'the real instant at which the clock read ESEP_CLOCK_AT (default: the start), e.g. 2026-12-05T12:00:00Z',
  ESEP_SMTP_URL: 'the SMTP relay as smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465',
  ESEP_MAIL_FROM: 'the sender of e-mails, e.g. Esep <esep@example.kz>',
  ESEP_TELEGRAM_BOT_TOKEN: 'the bot token BotFather gave, e.g. 123456789:AAH…',
  ESEP_TELEGRAM_API_ROOT: 'the Bot API server URL, e.g. https://api.telegram.org',
  ESEP_SMS_GATEWAY: 'mobizon, smsc or custom',
  ESEP_SMS_URL: 'the SMS gateway\'s send URL',
  ESEP_SMS_METHOD: 'GET or POST',
  ESEP_SMS_API_KEY: 'the gateway\'s API key',
  ESEP_SMS_LOGIN: 'the gateway account\'s login',
  ESEP_SMS_PASSWORD: 'the gateway account\'s password',
  ESEP_SMS_SENDER: 'the registered sender name (at most 15 characters)',
  ESEP_SMS_TEMPLATE: 'the request parameters, e.g. to={phone}&text={text}&token={apiKey}, or a JSON object; placeholders: {phone} {e164} {text} {key} {sender} {apiKey} {login} {password}',
  ESEP_WHATSAPP_TOKEN: 'a WhatsApp Cloud API access token (a system user\'s permanent token)',
  ESEP_WHATSAPP_PHONE_NUMBER_ID: 'the sending number\'s phone number id (digits) from WhatsApp Manager',
  ESEP_WHATSAPP_TEMPLATE: 'the approved message template\'s name (lower-case letters, digits, _)',
  ESEP_WHATSAPP_API_ROOT: 'the Graph API URL, e.g. https://graph.facebook.com',
  ESEP_WHATSAPP_API_VERSION: 'a Graph API version such as v21.0',
  ESEP_TELEGRAM_BOT_USERNAME: 'the bot\'s username without @, e.g. esep_kz_bot',
  ESEP_TELEGRAM_WEBHOOK_SECRET: '16 or more of A-Z a-z 0-9 _ - (also given to setWebhook as secret_token)',
};
const SECRET = /KEY|SECRET|TOKEN|PASSWORD|DATABASE_(READ_)?URL|SMTP_URL|SMS_URL/;

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
  /**
   * Issue 15, part 2: a read replica of DATABASE_URL; the analytics read from it, except a
   * session's reads within READ_YOUR_WRITES_MS of its last write and reads inside a transaction.
   */
  databaseReadUrl: string | undefined;
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
  /**
   * Background jobs (issue 12): 'all' serves HTTP and works jobs, 'none' only serves (it still
   * queues jobs), 'only' works jobs (and answers /api/health). Tests default to 'none' and drain
   * the queue themselves.
   */
  jobs: 'all' | 'none' | 'only';
  /** A delivery claimed longer ago than this, still `sending`, was left by a worker that stopped. */
  deliveryLeaseMs: number;
  /** The longest wait for a message provider. */
  sendTimeoutMs: number;
  /** The instant the server's clock read at `clockSince` (the start, by default), then runs on; never in production. */
  clockAt?: string | undefined;
  /** The real instant of `clockAt`: processes (and restarts) given the same pair share one clock. */
  clockSince?: string | undefined;
  /** Issue 12: the channels reminders can go out through; null = that channel is not configured. */
  notifications: NotificationsConfig;
  /** Issue 13: residents' subscriptions through Telegram (the deep link's bot, the webhook's secret); null = not offered. */
  subscriptions: { telegramBot: string | null; telegramWebhookSecret: string | null };
}

export interface NotificationsConfig {
  email: { url: string; from: string } | null;
  telegram: { token: string; apiRoot: string } | null;
  sms: {
    gateway: SmsGateway; url: string; method: 'GET' | 'POST';
    apiKey?: string | undefined; login?: string | undefined; password?: string | undefined; sender?: string | undefined; template?: string | undefined;
  } | null;
  whatsapp: { token: string; phoneNumberId: string; template: string; apiRoot: string; version: string } | null;
}

type EnvName = keyof typeof Env.shape;
type Parsed = z.infer<typeof Env>;

/**
 * Each channel is configured whole or not at all: a channel with some of its variables set and
 * one it needs missing is a start-up error naming what is missing (a reminder silently going
 * nowhere would be found out only when a deadline was missed).
 */
function notificationsConfig(e: Parsed, present: Record<string, string | undefined>): NotificationsConfig {
  const problems: string[] = [];
  const given = (names: readonly EnvName[]) => names.filter((name) => present[name] !== undefined);
  const need = (channel: string, names: readonly EnvName[], required: readonly EnvName[]) => {
    const set = given(names);
    if (!set.length) return false;
    for (const name of required) {
      if (present[name] === undefined) problems.push(`${name} is not set: ${channel} is half configured (${set.join(', ')} set); set it to ${HINTS[name]}, or unset the others`);
    }
    return true;
  };
  const email = need('e-mail', ['ESEP_SMTP_URL', 'ESEP_MAIL_FROM'], ['ESEP_SMTP_URL', 'ESEP_MAIL_FROM']);
  const telegram = need('Telegram', ['ESEP_TELEGRAM_BOT_TOKEN', 'ESEP_TELEGRAM_API_ROOT'], ['ESEP_TELEGRAM_BOT_TOKEN']);
  const whatsapp = need('WhatsApp', ['ESEP_WHATSAPP_TOKEN', 'ESEP_WHATSAPP_PHONE_NUMBER_ID', 'ESEP_WHATSAPP_TEMPLATE', 'ESEP_WHATSAPP_API_ROOT', 'ESEP_WHATSAPP_API_VERSION'],
    ['ESEP_WHATSAPP_TOKEN', 'ESEP_WHATSAPP_PHONE_NUMBER_ID', 'ESEP_WHATSAPP_TEMPLATE']);
  const smsNames = ['ESEP_SMS_GATEWAY', 'ESEP_SMS_URL', 'ESEP_SMS_METHOD', 'ESEP_SMS_API_KEY', 'ESEP_SMS_LOGIN', 'ESEP_SMS_PASSWORD', 'ESEP_SMS_SENDER', 'ESEP_SMS_TEMPLATE'] as const;
  const gateway = e.ESEP_SMS_GATEWAY;
  const smsRequired: Record<SmsGateway, EnvName[]> = {
    mobizon: ['ESEP_SMS_API_KEY'],
    smsc: ['ESEP_SMS_LOGIN', 'ESEP_SMS_PASSWORD'],
    custom: ['ESEP_SMS_URL', 'ESEP_SMS_TEMPLATE'],
  };
  const sms = need(gateway ? `SMS through ${gateway}` : 'SMS', smsNames, gateway ? ['ESEP_SMS_GATEWAY', ...smsRequired[gateway]] : ['ESEP_SMS_GATEWAY']);
  if (gateway && gateway !== 'custom') {
    for (const name of given(['ESEP_SMS_TEMPLATE', 'ESEP_SMS_METHOD'])) problems.push(`${name} is set but ${gateway} has its own request: unset it, or set ESEP_SMS_GATEWAY=custom`);
  }
  if (gateway === 'custom' && e.ESEP_SMS_METHOD === 'GET' && e.ESEP_SMS_TEMPLATE?.trim().startsWith('{')) {
    problems.push('ESEP_SMS_METHOD="GET" is not valid with a JSON ESEP_SMS_TEMPLATE (JSON is sent as a POST body): set it to POST, or write the template as name={value}&…');
  }
  if (problems.length) throw new ConfigError(problems.join('; '));
  return {
    email: email ? { url: e.ESEP_SMTP_URL!, from: e.ESEP_MAIL_FROM! } : null,
    telegram: telegram ? { token: e.ESEP_TELEGRAM_BOT_TOKEN!, apiRoot: e.ESEP_TELEGRAM_API_ROOT } : null,
    sms: sms && gateway
      ? {
        gateway,
        url: e.ESEP_SMS_URL ?? (gateway === 'custom' ? '' : SMS_DEFAULT_URLS[gateway]),
        method: e.ESEP_SMS_METHOD ?? 'POST',
        apiKey: e.ESEP_SMS_API_KEY, login: e.ESEP_SMS_LOGIN, password: e.ESEP_SMS_PASSWORD, sender: e.ESEP_SMS_SENDER, template: e.ESEP_SMS_TEMPLATE,
      }
      : null,
    whatsapp: whatsapp
      ? { token: e.ESEP_WHATSAPP_TOKEN!, phoneNumberId: e.ESEP_WHATSAPP_PHONE_NUMBER_ID!, template: e.ESEP_WHATSAPP_TEMPLATE!, apiRoot: e.ESEP_WHATSAPP_API_ROOT, version: e.ESEP_WHATSAPP_API_VERSION }
      : null,
  };
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
    if (e.ESEP_CLOCK_AT) throw new ConfigError('ESEP_CLOCK_AT is set: in production the clock is the system clock; unset it');
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError('DATABASE_READ_URL is set without DATABASE_URL: a read replica needs PostgreSQL; set DATABASE_URL to the primary, or unset DATABASE_READ_URL');
  }
  if (e.ESEP_DELIVERY_LEASE_SECONDS <= e.ESEP_SEND_TIMEOUT_SECONDS) {
    throw new ConfigError(`ESEP_DELIVERY_LEASE_SECONDS=${e.ESEP_DELIVERY_LEASE_SECONDS} is not valid: set it to ${HINTS.ESEP_DELIVERY_LEASE_SECONDS}`);
  }
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
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
    jobs: e.ESEP_JOBS ?? (e.NODE_ENV === 'test' ? 'none' : 'all'),
    deliveryLeaseMs: e.ESEP_DELIVERY_LEASE_SECONDS * 1000,
    sendTimeoutMs: e.ESEP_SEND_TIMEOUT_SECONDS * 1000,
    clockAt: e.ESEP_CLOCK_AT,
    clockSince: e.ESEP_CLOCK_SINCE,
    notifications: notificationsConfig(e, present),
    subscriptions: { telegramBot: e.ESEP_TELEGRAM_BOT_USERNAME ?? null, telegramWebhookSecret: e.ESEP_TELEGRAM_WEBHOOK_SECRET ?? null },
  };
}

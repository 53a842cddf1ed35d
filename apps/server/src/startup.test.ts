import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { describeDatabaseUrl, startupFailure } from './startup.ts';

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env as NodeJS.ProcessEnv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('configuration errors', () => {
  it('name the variable, what was given (never a secret) and what to set, on one line', () => {
    expect(refusal({ PORT: 'eighty' })).toBe('PORT="eighty" is not valid: set it to a port number from 0 to 65535');
    expect(refusal({ NODE_ENV: 'prod' })).toBe('NODE_ENV="prod" is not valid: set it to development, production or test');
    expect(refusal({ ESEP_SIGNING_KEY: 'too-short-secret' })).toBe('ESEP_SIGNING_KEY is not valid: set it to a secret of at least 32 characters, e.g. the output of `openssl rand -base64 48`');
    const url = refusal({ DATABASE_URL: 'mysql://esep:hunter2@db/esep' });
    expect(url).toMatch(/^DATABASE_URL is not valid: set it to a PostgreSQL URL/);
    expect(url).not.toContain('hunter2');
    expect(refusal({ PORT: '-1', LOG_LEVEL: 'loud' }).split('; ')).toHaveLength(2);
  });

  it('production needs ESEP_SIGNING_KEY and PUBLIC_URL', () => {
    expect(refusal({ NODE_ENV: 'production' })).toBe('ESEP_SIGNING_KEY is not set: in production set it to a secret of at least 32 characters, e.g. the output of `openssl rand -base64 48`; '
      + 'PUBLIC_URL is not set: in production set it to the external URL of the site, such as https://esep.example.kz');
    expect(refusal({ NODE_ENV: 'production', ESEP_SIGNING_KEY: 'k'.repeat(32) })).toMatch(/^PUBLIC_URL is not set/);
    expect(loadConfig({ NODE_ENV: 'production', ESEP_SIGNING_KEY: 'k'.repeat(32), PUBLIC_URL: 'https://esep.example.kz' } as NodeJS.ProcessEnv).env).toBe('production');
    expect(loadConfig({ DATABASE_URL: 'postgresql://esep@db.example.kz/esep' } as NodeJS.ProcessEnv).databaseUrl).toBe('postgresql://esep@db.example.kz/esep');
  });
});

describe('start-up failures', () => {
  const databaseUrl = 'postgres://esep:hunter2@db.example.kz:6432/esep';
  it('say in one line what the operator fixes, never the password', () => {
    const refused = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:6432'), { code: 'ECONNREFUSED' })], ''), { code: 'ECONNREFUSED' });
    expect(startupFailure(new Error('Failed query', { cause: refused }), { databaseUrl })).toBe(
      'DATABASE_URL: cannot reach PostgreSQL at esep@db.example.kz:6432/esep (ECONNREFUSED): check the host and port in DATABASE_URL and that PostgreSQL is running and accepts connections');
    expect(startupFailure(Object.assign(new Error('password authentication failed for user "esep"'), { code: '28P01' }), { databaseUrl }))
      .toBe('DATABASE_URL: PostgreSQL refused the login at esep@db.example.kz:6432/esep (password authentication failed for user "esep"): check the user and password in DATABASE_URL');
    expect(startupFailure(Object.assign(new Error('database "esep" does not exist'), { code: '3D000' }), { databaseUrl })).toMatch(/^DATABASE_URL: database "esep" does not exist at esep@db\.example\.kz:6432\/esep: create it/);
    expect(startupFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen', port: 3000, address: '0.0.0.0' }), { port: 3000, host: '0.0.0.0' }))
      .toBe('PORT 3000: the address 0.0.0.0:3000 is already in use: stop the program using it, or set PORT to a free port');
    expect(describeDatabaseUrl(databaseUrl)).not.toContain('hunter2');
  });

  it('leave a fault of Esep to its stack trace', () => {
    expect(startupFailure(new TypeError('x is not a function'), { databaseUrl })).toBeNull();
  });
});

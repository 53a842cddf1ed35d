import { describe, expect, it } from 'vitest';
import { parseUserCreateArgs, UserCreateRefused } from './user-create.ts';

const refusal = (argv: string[]) => {
  try {
    parseUserCreateArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UserCreateRefused);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('npm run user:create arguments', () => {
  it('take the role, username, display name, locale, staff and territory', () => {
    expect(parseUserCreateArgs(['--', '--role', 'admin', '--username', 'esep.admin'])).toEqual({
      role: 'admin', username: 'esep.admin', displayName: undefined, locale: 'kk', staff: undefined, territory: undefined,
    });
    expect(parseUserCreateArgs(['--role', 'inspector', '--username', 'd11', '--staff', 'S-11', '--locale', 'ru', '--display-name', 'Нұрланов Д.'])).toMatchObject({
      role: 'inspector', staff: 'S-11', locale: 'ru', displayName: 'Нұрланов Д.',
    });
    expect(parseUserCreateArgs(['--role', 'point_lead', '--username', 'lead1', '--territory', 'ALM-KAR-P2'])).toMatchObject({ territory: 'ALM-KAR-P2' });
  });

  it('never take a password', () => {
    expect(refusal(['--role', 'admin', '--username', 'a1b', '--password', 'secret12345'])).toMatch(/^the password is never an argument/);
    expect(refusal(['--role', 'admin', '--username', 'a1b', '--password=secret12345'])).toMatch(/^the password is never an argument/);
  });

  it('refuse what the users page refuses, in one line', () => {
    expect(refusal(['--role', 'admin'])).toMatch(/^--role and --username are required; usage:/);
    expect(refusal(['--role', 'boss', '--username', 'abc'])).toMatch(/^--role must be one of admin, national_analyst/);
    expect(refusal(['--role', 'admin', '--username', 'No Spaces'])).toMatch(/^--username must be 3 to 100 characters/);
    expect(refusal(['--role', 'admin', '--username', 'abc', '--locale', 'de'])).toBe('--locale must be kk, ru or en');
    expect(refusal(['--role', 'admin', '--username', 'abc', '--bogus'])).toMatch(/^Unknown option '--bogus'/);
    expect(refusal(['--role', 'inspector', '--username', 'abc'])).toMatch(/^--role inspector needs --staff <staff code>/);
    expect(refusal(['--role', 'akimat', '--username', 'abc'])).toBe('--role akimat needs --territory <atu code>');
    expect(refusal(['--role', 'auditor', '--username', 'abc', '--territory', 'X'])).toBe('--role auditor works nationwide: it takes no --staff or --territory');
    for (const message of [refusal(['--role', 'admin']), refusal(['--role', 'admin', '--username', 'abc', '--bogus'])]) expect(message).not.toContain('\n');
  });
});

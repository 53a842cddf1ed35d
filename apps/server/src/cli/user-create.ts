import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Role, UserCreateBody } from '@esep/contracts';
import { idsByCode, staffById, type Db } from '@esep/db';
import { accountBinding, type Role as RoleName } from '@esep/domain';
import { systemClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { AppError } from '../http/app-error.ts';
import { systemContext } from '../services/context.ts';
import { createAccount } from '../services/user.service.ts';
import { runCommand } from '../startup.ts';
import { openCommandDatabase } from './database.ts';
import { newPassword, PasswordMismatch, PromptAborted } from './password.prompt.ts';

/*
 * `npm run user:create -- --role admin --username <name>`: creates an account from the server's
 * shell — the first administrator of an empty database, or anyone when the web app cannot be
 * reached. The password is typed at the prompt (no echo) or piped on standard input, never an
 * argument; the same policy, argon2 hash and audit entry as the administrator's users page.
 */

export const USAGE = 'usage: npm run user:create -- --role <role> --username <name> [--display-name <name>] [--locale kk|ru|en] [--staff <staff code>] [--territory <region|unit|point|ATU code>]; the password is asked, or read from standard input';

/** A refusal of the command's input: one line, exit status 1. */
export class UserCreateRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserCreateRefused';
  }
}

export interface UserCreateArgs {
  role: RoleName; username: string; displayName: string | undefined; locale: 'kk' | 'ru' | 'en';
  staff: string | undefined; territory: string | undefined;
}

const OPTION_OF: Record<string, string> = { username: '--username', displayName: '--display-name', password: 'the password', role: '--role', locale: '--locale' };

/** The one line saying what is wrong with an account's fields (the same schema as POST /users). */
function fieldProblem(issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }>): string {
  const issue = issues[0]!;
  const field = String(issue.path[0]);
  const what = {
    username: 'must be 3 to 100 characters: small Latin letters, digits, ".", "_" or "-"',
    displayName: 'must be 1 to 200 characters',
    password: 'must be 10 to 200 characters',
    role: `must be one of ${Role.options.join(', ')}`,
    locale: 'must be kk, ru or en',
  }[field] ?? issue.message;
  return `${OPTION_OF[field] ?? field} ${what}`;
}

/** Reads and checks the options (no database, no password yet). */
export function parseUserCreateArgs(argv: readonly string[]): UserCreateArgs {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new UserCreateRefused('the password is never an argument (others see it in the process list): type it when asked, or pipe it on standard input');
  }
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        role: { type: 'string' }, username: { type: 'string' }, 'display-name': { type: 'string' }, locale: { type: 'string' },
        staff: { type: 'string' }, territory: { type: 'string' },
      },
      strict: true, allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new UserCreateRefused(`${(error as Error).message.split('\n')[0]}; ${USAGE}`);
  }
  if (!values.role || !values.username) throw new UserCreateRefused(`--role and --username are required; ${USAGE}`);
  const checked = UserCreateBody.omit({ password: true }).safeParse({
    username: values.username, displayName: values['display-name'] ?? values.username, role: values.role, locale: values.locale ?? 'kk',
  });
  if (!checked.success) throw new UserCreateRefused(fieldProblem(checked.error.issues));
  const role = checked.data.role;
  const binding = accountBinding(role);
  if (binding.kind === 'staff' && !values.staff) throw new UserCreateRefused(`--role ${role} needs --staff <staff code>: its districts come from that staff member's assignments (R-2.2)`);
  if (binding.kind === 'staff' && values.territory) throw new UserCreateRefused(`--role ${role} takes no --territory: its districts come from its staff member's assignments (R-2.2)`);
  if (binding.kind === 'territory' && !values.territory) throw new UserCreateRefused(`--role ${role} needs --territory <${binding.level} code>`);
  if (binding.kind === 'none' && (values.staff || values.territory)) throw new UserCreateRefused(`--role ${role} works nationwide: it takes no --staff or --territory`);
  return {
    role, username: checked.data.username, displayName: values['display-name'] === undefined ? undefined : checked.data.displayName,
    locale: checked.data.locale, staff: values.staff, territory: values.territory,
  };
}

const TABLE = { region: 'regions', unit: 'units', point: 'points', atu: 'atus' } as const;

/** Staff and territory codes (as in the structure import) to ids; an unknown code is refused. */
async function placement(db: Db, args: UserCreateArgs): Promise<{ staffId: string | null; territoryId: string | null; staffName: string | null }> {
  let staffId: string | null = null;
  let staffName: string | null = null;
  let territoryId: string | null = null;
  if (args.staff) {
    staffId = (await idsByCode(db, 'staff', [args.staff])).get(args.staff) ?? null;
    if (!staffId) throw new UserCreateRefused(`--staff ${args.staff}: no staff member has this code; import the structure first (its staff sheet)`);
    staffName = (await staffById(db, staffId))?.fullName ?? null;
  }
  const binding = accountBinding(args.role);
  if (args.territory && binding.kind === 'territory') {
    territoryId = (await idsByCode(db, TABLE[binding.level], [args.territory])).get(args.territory) ?? null;
    if (!territoryId) throw new UserCreateRefused(`--territory ${args.territory}: no ${binding.level} has this code; import the structure first (its ${TABLE[binding.level]} sheet)`);
  }
  return { staffId, territoryId, staffName };
}

export async function userCreate(argv: readonly string[], config: Config): Promise<number> {
  const args = parseUserCreateArgs(argv);
  let password: string | null;
  try {
    password = await newPassword();
  } catch (error) {
    if (error instanceof PasswordMismatch) throw new UserCreateRefused('the two passwords differ: nothing was created');
    if (error instanceof PromptAborted) throw new UserCreateRefused('aborted: nothing was created');
    throw error;
  }
  if (!password) throw new UserCreateRefused('no password: type it when asked, or pipe it on standard input');
  const policy = UserCreateBody.shape.password.safeParse(password);
  if (!policy.success) throw new UserCreateRefused(fieldProblem(policy.error.issues.map((i) => ({ ...i, path: ['password'] }))));

  const database = await openCommandDatabase(config, { command: 'user:create', migrated: true });
  try {
    const { staffId, territoryId, staffName } = await placement(database.db, args);
    // The audit names the command and the operating-system account that ran it.
    const ctx = systemContext(database.db, systemClock, `user:create (${userInfo().username})`);
    const user = await createAccount(ctx, {
      username: args.username, displayName: args.displayName ?? staffName ?? args.username, password, role: args.role, locale: args.locale,
      staffId, territoryId,
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'conflict' || uniqueViolation(error)) {
        throw new UserCreateRefused(`the username "${args.username}" is taken: choose another (nothing was created)`);
      }
      throw error;
    });
    console.log(`user:create: created ${user.role} "${user.username}" (${user.displayName}, id ${user.id}); log in at ${config.publicUrl}`);
    return 0;
  } finally {
    await database.close();
  }
}

/** Two commands racing for one username: the unique index decides, and the loser is told so. */
function uniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth += 1) {
    if (e.code === '23505') return true;
  }
  return false;
}

async function main() {
  let config: Config | undefined;
  try {
    await runCommand('user:create', async () => {
      config = loadConfig();
      return userCreate(process.argv.slice(2), config);
    }, () => ({ databaseUrl: config?.databaseUrl, dataDir: config?.dataDir }));
  } catch (error) {
    if (!(error instanceof UserCreateRefused)) throw error;
    process.stderr.write(`user:create: ${error.message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

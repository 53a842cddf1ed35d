import { applyStructure, countUsers, idsByCode, insertUser, type Db } from '@esep/db';
import type { Clock, Role } from '@esep/domain';
import { inTransaction, systemContext } from '../services/context.ts';
import { hashPassword } from '../services/password.ts';
import { DEMO, demoStructure } from './demo.data.ts';
import { seedDemoStatistics } from './demo.statistics.ts';
import { seedDemoStateBodies } from './demo.bodies.ts';

export const DEMO_PASSWORD = 'demo';

interface DemoAccount { username: string; displayName: string; role: Role; staff?: string; territory?: { table: 'regions' | 'units' | 'points' | 'atus'; code: string }; locale?: 'kk' | 'ru' | 'en' }

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: 'Әкімші (Администратор)', role: 'admin' },
  { username: 'analyst', displayName: 'Ұлттық талдаушы', role: 'national_analyst' },
  { username: 'auditor', displayName: 'Аудитор', role: 'auditor' },
  { username: 'regional', displayName: 'Серікбаев Жомарт Қуатұлы', role: 'regional_head', staff: 'S-ALM-HEAD', territory: { table: 'regions', code: DEMO.region } },
  { username: 'chief', displayName: 'Әбдіров Марат Нұрмаханұлы', role: 'unit_head', staff: 'S-ALM-KAR-HEAD', territory: { table: 'units', code: DEMO.unit } },
  { username: 'lead', displayName: 'Ерболов Асқар Ғалымұлы', role: 'point_lead', staff: `S-${DEMO.leadPoint}-LEAD`, territory: { table: 'points', code: DEMO.leadPoint } },
  { username: 'inspector', displayName: 'Нұрланов Дәурен Ерланұлы', role: 'inspector', staff: `S-${DEMO.inspectorDistrict}` },
  { username: 'inspector2', displayName: 'Inspector 2', role: 'inspector', staff: `S-${DEMO.inspector2District}`, locale: 'ru' },
  { username: 'assistant', displayName: 'Әбдірахман Ернар Серікұлы', role: 'assistant', staff: `S-${DEMO.leadPoint}-AST` },
  { username: 'akimat', displayName: 'Шамалған ауылдық округі әкімінің аппараты', role: 'akimat', territory: { table: 'atus', code: DEMO.akimatAtu } },
];

/**
 * Creates the demo region and its accounts in an empty database (no users yet). Everything is
 * written in one transaction with one audit entry per sheet.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const ctx = systemContext(db, clock);
  const { today } = ctx;
  const structure = demoStructure(today);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(ctx, async (tx, audit) => {
    const counts = await applyStructure(tx, structure);
    await audit({ action: 'demo.seed', entityType: 'structure', entityId: DEMO.region, after: counts });
    // five quarters of district statistics, so reports have something to compare.
    const statistics = await seedDemoStatistics(tx, structure.districts.map((d) => d.code), today, ctx.now());
    await audit({ action: 'demo.statistics', entityType: 'statistics', entityId: null, after: statistics });
    // the state bodies items outside police competence are forwarded to.
    const stateBodies = await seedDemoStateBodies(tx);
    await audit({ action: 'demo.state_bodies', entityType: 'state_body', entityId: null, after: { added: stateBodies } });
    const staffIds = await idsByCode(tx, 'staff', DEMO_ACCOUNTS.flatMap((a) => (a.staff ? [a.staff] : [])));
    for (const account of DEMO_ACCOUNTS) {
      // Staff accounts carry their staff member's name.
      const staffName = structure.staff.find((s) => s.code === account.staff)?.fullName;
      const territoryId = account.territory ? (await idsByCode(tx, account.territory.table, [account.territory.code])).get(account.territory.code) ?? null : null;
      const user = await insertUser(tx, {
        username: account.username, displayName: staffName ?? account.displayName, role: account.role,
        locale: account.locale ?? 'kk', staffId: account.staff ? staffIds.get(account.staff) ?? null : null,
        territoryId, passwordHash, isDemo: true, passwordChangedAt: ctx.now(),
      });
      await audit({ action: 'user.create', entityType: 'user', entityId: user.id, after: { username: user.username, role: user.role, isDemo: true } });
    }
  });
  return true;
}

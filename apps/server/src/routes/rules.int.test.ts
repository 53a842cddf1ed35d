import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

describe('the rules in the app (R-O.4)', () => {
  it('publishes Chapter 3 paragraph by paragraph in Kazakh and Russian', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/rules' });
    expect(response.statusCode).toBe(200);
    const { rules } = response.json();
    expect(rules).toHaveLength(22);
    const notice = rules.find((r: { id: string }) => r.id === 'R-27.1');
    expect(notice.text.kk).toContain('кемінде он күнтізбелік күн');
    expect(notice.text.ru).toContain('десять календарных дней');
    expect(notice.paragraph).toBe('27 ¶1');
  });

  it('records that a staff member read the rules, and shows heads who has not', async () => {
    const inspector = await login(t.app, 'inspector');
    expect((await inspector.get('/api/v1/rules/acknowledgement')).json().acknowledgedAt).toBeNull();
    const confirmed = await inspector.send('POST', '/api/v1/rules/acknowledgement');
    expect(confirmed.json().acknowledgedAt).not.toBeNull();
    // Confirming twice keeps the first date.
    expect((await inspector.send('POST', '/api/v1/rules/acknowledgement')).json().acknowledgedAt).toBe(confirmed.json().acknowledgedAt);

    const chief = await login(t.app, 'chief');
    const report = (await chief.get('/api/v1/rules/acknowledgements')).json();
    expect(report.acknowledged).toBe(1);
    expect(report.items.every((i: { unit: { code: string } }) => i.unit.code === 'ALM-KAR')).toBe(true);
    const byName = Object.fromEntries(report.items.map((i: { username: string; acknowledgedAt: string | null }) => [i.username, i.acknowledgedAt]));
    expect(byName.inspector).not.toBeNull();
    expect(byName.lead).toBeNull();
    expect((await inspector.get('/api/v1/rules/acknowledgements')).statusCode).toBe(403);
    const audit = (await (await login(t.app, 'admin')).get('/api/v1/audit?action=rules.acknowledge')).json();
    expect(audit.total).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIONS, RESOURCES, can, visible, type Action, type Resource } from './policy.ts';
import { ROLES, type Role } from './role.ts';
import type { Actor, Scope, TerritoryPath } from './territory.ts';

/**
 * The policy, written out as the expected answer for every role × resource × action, inside
 * and outside the user's territory. The table is the specification; `can` must agree with it.
 */
const IN: TerritoryPath = { regionId: 'r1', unitId: 'u1', pointId: 'p1', districtId: 'd1', atuIds: ['a1', 'a0'] };
const OUT: TerritoryPath = { regionId: 'r2', unitId: 'u2', pointId: 'p2', districtId: 'd2', atuIds: ['a2'] };
const ANCESTORS = { regionIds: ['r1'], unitIds: ['u1'], pointIds: ['p1'] };

const scopes: Record<Role, Scope> = {
  admin: { level: 'national', ids: [], ancestors: ANCESTORS },
  national_analyst: { level: 'national', ids: [], ancestors: ANCESTORS },
  auditor: { level: 'national', ids: [], ancestors: ANCESTORS },
  regional_head: { level: 'region', ids: ['r1'], ancestors: ANCESTORS },
  unit_head: { level: 'unit', ids: ['u1'], ancestors: ANCESTORS },
  point_lead: { level: 'point', ids: ['p1'], ancestors: ANCESTORS },
  inspector: { level: 'districts', ids: ['d1'], ancestors: ANCESTORS },
  assistant: { level: 'districts', ids: ['d1'], ancestors: ANCESTORS },
  akimat: { level: 'atu', ids: ['a1'], ancestors: ANCESTORS },
};

const READ_ORG = ['late_entry:read', 'protocol:read', 'region:read', 'unit:read', 'point:read', 'district:read', 'atu:read', 'staff:read', 'assignment:read', 'meeting:read', 'statistics:read', 'resident_question:read', 'analytics:read'];
const NATIONAL_READ = [...READ_ORG, 'topic:read', 'state_body:read', 'working_calendar:read'];
const ALL_WRITE = ['region', 'unit', 'point', 'district', 'atu', 'staff', 'assignment']
  .flatMap((r) => ['create', 'update', 'delete'].map((a) => `${r}:${a}`));

const TOPIC = ['topic:read', 'state_body:read', 'working_calendar:read'];
const PLAN = ['late_entry:create', 'meeting:create', 'meeting:update', 'protocol:update', 'video:read', 'video:create', 'followup:read', 'followup:update', 'followup:export', 'statistics:update', 'participant:read', 'participant:create', 'participant:update', 'participant:delete', 'resident_question:update'];
const SELF_INVITATION = ['invitation:read', 'invitation:update'];
const AGREEMENT = ['agreement:read', 'agreement:update'];

/** Allowed in territory; `outside` lists what stays allowed for a record outside it. */
/** National roles have no "outside": every record is inside their territory. */
const EXPECTED: Record<Role, { inside: string[]; outside?: string[] }> = {
  admin: {
    // The administrator plans meetings anywhere but neither enters nor confirms one after the fact.
    inside: [...NATIONAL_READ, ...ALL_WRITE, ...PLAN.filter((a) => a !== 'late_entry:create'), 'meeting:delete', ...SELF_INVITATION, 'acknowledgement:read', 'statistics:import', 'topic:create', 'topic:update', 'state_body:create', 'state_body:update', 'working_calendar:update', 'retention:read', 'retention:create', 'retention:delete', 'video:delete', 'control:read', 'control:update', 'structure:import', 'structure:export', 'audit:read', 'user:read', 'user:create', 'user:update', 'user:delete', 'delivery:read']
  },
  national_analyst: { inside: [...NATIONAL_READ, 'followup:read', 'followup:export', 'structure:export', 'acknowledgement:read', 'user:read', 'user:update', ...SELF_INVITATION] },
  auditor: { inside: [...NATIONAL_READ, 'followup:read', 'followup:export', 'structure:export', 'audit:read', 'user:read', 'user:update', ...SELF_INVITATION] },
  regional_head: {
    inside: [...READ_ORG, ...TOPIC, ...PLAN, ...AGREEMENT, 'assignment:create', 'assignment:update', 'district:update', 'structure:export', 'acknowledgement:read', 'statistics:import', 'control:read', 'control:update', 'late_entry:update', 'user:read', 'user:update', ...SELF_INVITATION],
    outside: ['structure:export', 'acknowledgement:read', 'statistics:import', ...TOPIC],
  },
  unit_head: {
    inside: [...READ_ORG, ...TOPIC, ...PLAN, ...AGREEMENT, 'assignment:create', 'assignment:update', 'district:update', 'structure:export', 'acknowledgement:read', 'statistics:import', 'control:read', 'control:update', 'late_entry:update', 'user:read', 'user:update', ...SELF_INVITATION],
    outside: ['structure:export', 'acknowledgement:read', 'statistics:import', ...TOPIC],
  },
  point_lead: { inside: [...READ_ORG, ...TOPIC, ...PLAN, ...AGREEMENT, 'control:read', 'control:update', 'late_entry:update', 'structure:export', 'user:read', 'user:update', ...SELF_INVITATION], outside: ['structure:export', ...TOPIC] },
  inspector: { inside: [...READ_ORG, ...TOPIC, ...PLAN, ...AGREEMENT, 'user:read', 'user:update', ...SELF_INVITATION], outside: [...TOPIC] },
  assistant: { inside: [...READ_ORG, ...TOPIC, ...PLAN, 'user:read', 'user:update', ...SELF_INVITATION], outside: [...TOPIC] },
  // Issue 14: the akimat follows the follow-up of meetings in its territory (not the letters: they name the initiator).
  akimat: { inside: [...READ_ORG, ...TOPIC, 'followup:read', 'user:read', 'user:update', ...SELF_INVITATION], outside: [...TOPIC] },
};

function target(resource: Resource, inside: boolean, actor: Actor) {
  if (['structure', 'audit', 'acknowledgement', 'topic', 'state_body', 'working_calendar', 'retention', 'delivery'].includes(resource)) return { resource };
  if (resource === 'user' || resource === 'invitation') return { resource, ownerId: inside ? actor.id : 'someone-else' };
  const base = inside ? IN : OUT;
  // an agreement is asked of one inspector (inside: the user) and answered for in its district.
  if (resource === 'agreement') return { resource, paths: [base], askedOf: { userIds: [inside ? actor.id : 'someone-else'], paths: [base] } };
  // Containers carry only the levels above them.
  const path: TerritoryPath = resource === 'region' ? { regionId: base.regionId }
    : resource === 'unit' ? { regionId: base.regionId, unitId: base.unitId }
    : resource === 'point' || resource === 'staff' ? { regionId: base.regionId, unitId: base.unitId, pointId: base.pointId }
    : resource === 'atu' ? { regionId: base.regionId, atuIds: base.atuIds! }
    : base;
  return { resource, path };
}

describe('policy table', () => {
  for (const role of ROLES) {
    const actor: Actor = { id: `user-${role}`, role, scope: scopes[role] };
    const national = scopes[role].level === 'national';
    for (const inside of [true, false]) {
      it(`${role} ${inside ? 'inside' : 'outside'} territory`, () => {
        const expected = new Set(inside || national ? EXPECTED[role].inside : EXPECTED[role].outside ?? []);
        const mismatches: string[] = [];
        for (const resource of RESOURCES) {
          for (const action of ACTIONS as readonly Action[]) {
            const key = `${resource}:${action}`;
            // A user record of someone else is "outside" for everyone but the administrator.
            const selfOnly = resource === 'invitation' || (resource === 'user' && role !== 'admin');
            const want = selfOnly && !inside ? false : expected.has(key);
            if (can(actor, action, target(resource, inside, actor)) !== want) mismatches.push(`${key} expected ${want}`);
          }
        }
        expect(mismatches).toEqual([]);
      });
    }
  }

  it('lets an inspector name the point above his district but not read another point', () => {
    const actor: Actor = { id: 'i', role: 'inspector', scope: scopes.inspector };
    expect(can(actor, 'read', { resource: 'point', path: { regionId: 'r1', unitId: 'u1', pointId: 'p1' } })).toBe(true);
    expect(can(actor, 'read', { resource: 'point', path: { regionId: 'r1', unitId: 'u1', pointId: 'p9' } })).toBe(false);
    expect(can(actor, 'read', { resource: 'district', path: { ...IN, districtId: 'd9' } })).toBe(false);
  });

  it('gives an akimat every district of its ATU subtree', () => {
    const actor: Actor = { id: 'a', role: 'akimat', scope: { ...scopes.akimat, ids: ['a1', 'a1-village'] } };
    expect(can(actor, 'read', { resource: 'district', path: { ...OUT, atuIds: ['a1-village', 'a1'] } })).toBe(true);
    expect(can(actor, 'read', { resource: 'district', path: OUT })).toBe(false);
  });

  describe('follow-up forwarded to the akimat (R-32.5, issue 14)', () => {
    const akimat: Actor = { id: 'a', role: 'akimat', scope: { ...scopes.akimat, ids: ['a1', 'a1-village'] } };
    it('reads the checks and forwardings of a meeting in its territory, but not the letters to other bodies', () => {
      const forwarding = { resource: 'followup' as const, paths: [IN], sentTo: { atuIds: ['elsewhere'] } };
      expect(can(akimat, 'read', forwarding)).toBe(true);
      expect(can(akimat, 'export', forwarding)).toBe(false);
      expect(visible(akimat, forwarding)).toBe(true);
      expect(can(akimat, 'update', forwarding)).toBe(false);
    });
    it('reads a forwarding sent to a body of its ATU or one below, and its letter, wherever the meeting was held', () => {
      for (const atu of ['a1', 'a1-village']) {
        const forwarding = { resource: 'followup' as const, paths: [OUT], sentTo: { atuIds: [atu] } };
        expect(can(akimat, 'read', forwarding)).toBe(true);
        expect(can(akimat, 'export', forwarding)).toBe(true);
        expect(can(akimat, 'update', forwarding)).toBe(false);
      }
    });
    it('does not see a forwarding of another territory sent elsewhere, nor one sent to a body above its ATU', () => {
      expect(visible(akimat, { resource: 'followup', paths: [OUT], sentTo: { atuIds: ['a2'] } })).toBe(false);
      expect(visible(akimat, { resource: 'followup', paths: [OUT], sentTo: { atuIds: ['a0'] } })).toBe(false);
      expect(visible(akimat, { resource: 'followup', paths: [OUT] })).toBe(false);
    });
    it('being the recipient is the akimat\'s: police roles are not widened by it', () => {
      const inspector: Actor = { id: 'i', role: 'inspector', scope: scopes.inspector };
      const lead: Actor = { id: 'l', role: 'point_lead', scope: scopes.point_lead };
      for (const actor of [inspector, lead]) expect(can(actor, 'read', { resource: 'followup', paths: [OUT], sentTo: { atuIds: ['a1'] } })).toBe(false);
    });
  });

  describe('joint meetings (R-27.4)', () => {
    // A meeting in district d2 of point p2; its reporter of d2 works in point p1 (acting there).
    const meetingPaths = [OUT];
    const home: TerritoryPath = { regionId: 'r1', unitId: 'u1', pointId: 'p1' };
    const asked = { userIds: ['colleague'], paths: [OUT, home] };
    const inspector = (id: string): Actor => ({ id, role: 'inspector', scope: scopes.inspector });
    const lead: Actor = { id: 'lead', role: 'point_lead', scope: scopes.point_lead };

    it('the inspector asked reads the meeting outside his territory and answers; he does not change it', () => {
      expect(can(inspector('colleague'), 'read', { resource: 'meeting', paths: meetingPaths, askedOf: asked })).toBe(true);
      expect(can(inspector('colleague'), 'update', { resource: 'agreement', paths: meetingPaths, askedOf: asked })).toBe(true);
      expect(can(inspector('colleague'), 'update', { resource: 'meeting', paths: meetingPaths, askedOf: asked })).toBe(false);
    });
    it('another inspector neither sees it nor answers', () => {
      expect(can(inspector('other'), 'read', { resource: 'meeting', paths: meetingPaths, askedOf: asked })).toBe(false);
      expect(visible(inspector('other'), { resource: 'agreement', paths: meetingPaths, askedOf: asked })).toBe(false);
    });
    it('the lead of the asked inspector\'s own point reads it and answers for him', () => {
      expect(can(lead, 'read', { resource: 'meeting', paths: meetingPaths, askedOf: asked })).toBe(true);
      expect(can(lead, 'update', { resource: 'agreement', paths: meetingPaths, askedOf: asked })).toBe(true);
      expect(can(lead, 'update', { resource: 'meeting', paths: meetingPaths, askedOf: asked })).toBe(false);
    });
    it('a planner who sees the meeting but may not answer is refused, not kept in the dark (403, not 404)', () => {
      const planner: Actor = { id: 'planner', role: 'inspector', scope: { ...scopes.inspector, ids: ['d2'] } };
      const target = { resource: 'agreement' as const, paths: meetingPaths, askedOf: asked };
      expect(visible(planner, target)).toBe(true);
      expect(can(planner, 'update', target)).toBe(false);
    });
    it('an assistant of the covered district does not answer for the inspector', () => {
      const assistant: Actor = { id: 'colleague', role: 'assistant', scope: { ...scopes.assistant, ids: ['d2'] } };
      expect(can(assistant, 'update', { resource: 'agreement', paths: meetingPaths, askedOf: asked })).toBe(false);
    });
  });
});

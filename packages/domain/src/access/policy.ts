import type { Role } from './role.ts';
import { ROLES } from './role.ts';
import { isAncestorOfScope, withinScope, type Actor, type TerritoryPath } from './territory.ts';

/**
 * Who may do what, in one table. Routes never decide access themselves: they ask `can` for a
 * single record, and list queries are filtered by the same scope in the repositories. The
 * abilities of each record go to the web client, so the UI hides what the policy forbids.
 */
export const RESOURCES = [
  'region', 'unit', 'point', 'district', 'atu', 'staff', 'assignment', 'user', 'audit', 'structure',
  'meeting', 'invitation', 'acknowledgement', 'participant', 'statistics', 'topic',
  'protocol', 'video', 'followup', 'control', 'state_body', 'working_calendar', 'retention', 'agreement',
  'late_entry', 'delivery', 'resident_question', 'analytics',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['read', 'create', 'update', 'delete', 'import', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Where a grant applies: `territory` — the record is inside the user's scope; `navigate` — the
 * record is inside the scope or a container above it; `self` — the record is the user himself;
 * `anywhere` — no territorial condition (national roles); `addressee` — the record asks something
 * of the user (R-27.4: his agreement to a joint meeting); `addressee_lead` — it asks something of
 * someone the user answers for (his point or unit), wherever the record itself lies; `recipient` —
 * the record is sent to a state body of the user's ATU or one below it (R-32.5: an item forwarded
 * to the akimat or its departments), wherever the meeting was held.
 */
type Condition = 'territory' | 'navigate' | 'self' | 'anywhere' | 'addressee' | 'addressee_lead' | 'recipient';

interface Grant { roles: readonly Role[]; resource: Resource; actions: readonly Action[]; where: Condition }

const ORG = ['region', 'unit', 'point', 'district', 'atu'] as const;
const MANAGERS = ['regional_head', 'unit_head'] as const;
const PLANNERS = ['inspector', 'assistant', 'point_lead', 'unit_head', 'regional_head'] as const;
/** the point lead and the leadership above him, who answer for the inspectors under them. */
const LEADERSHIP = ['point_lead', 'unit_head', 'regional_head'] as const;

export const GRANTS: readonly Grant[] = [
  // Everyone reads the organisation within his territory and the containers above it.
  ...ORG.map((resource): Grant => ({ roles: ROLES, resource, actions: ['read'], where: 'navigate' })),
  { roles: ROLES, resource: 'staff', actions: ['read'], where: 'navigate' },
  { roles: ROLES, resource: 'assignment', actions: ['read'], where: 'territory' },
  // inspectors are assigned to districts by the unit's or region's leadership.
  { roles: MANAGERS, resource: 'assignment', actions: ['create', 'update'], where: 'territory' },
  { roles: MANAGERS, resource: 'district', actions: ['update'], where: 'territory' },
  // Structure export is scoped by the repository to what the user sees.
  { roles: ['admin', 'national_analyst', 'regional_head', 'unit_head', 'point_lead', 'auditor'], resource: 'structure', actions: ['export'], where: 'anywhere' },
  { roles: ['admin'], resource: 'structure', actions: ['import'], where: 'anywhere' },
  { roles: ['admin'], resource: 'audit', actions: ['read'], where: 'anywhere' },
  { roles: ['auditor'], resource: 'audit', actions: ['read'], where: 'anywhere' },
  { roles: ['admin'], resource: 'user', actions: ['read', 'create', 'update', 'delete'], where: 'anywhere' },
  { roles: ROLES, resource: 'user', actions: ['read', 'update'], where: 'self' },
  // Meetings are seen in the territory of any district they cover; those who work there plan them.
  { roles: ROLES, resource: 'meeting', actions: ['read'], where: 'territory' },
  { roles: PLANNERS, resource: 'meeting', actions: ['create', 'update'], where: 'territory' },
  { roles: ['admin'], resource: 'meeting', actions: ['create', 'update', 'delete'], where: 'anywhere' },
  // the other reporting inspectors of a joint meeting agree to it — each himself, or his
  // point lead (or the leadership above) for him. The one asked, and his leadership, read the
  // meeting even when it lies outside their territory (an acting inspector from another district,
  // one assigned from the meeting date on); they do not change it.
  { roles: ['inspector', ...LEADERSHIP], resource: 'agreement', actions: ['read', 'update'], where: 'addressee' },
  { roles: LEADERSHIP, resource: 'agreement', actions: ['read', 'update'], where: 'addressee_lead' },
  { roles: ['inspector', ...LEADERSHIP], resource: 'meeting', actions: ['read'], where: 'addressee' },
  { roles: LEADERSHIP, resource: 'meeting', actions: ['read'], where: 'addressee_lead' },
  // A meeting entered after the fact (late-entry.ts) is the statement of those who held it: they
  // enter it in their territory (its correction and withdrawal are meeting updates). R-33: the
  // point lead — or the unit or regional head — confirms or returns it ('update') in his
  // territory; the administrator, who holds no meeting, neither enters nor confirms one.
  { roles: ROLES, resource: 'late_entry', actions: ['read'], where: 'territory' },
  { roles: PLANNERS, resource: 'late_entry', actions: ['create'], where: 'territory' },
  { roles: ['point_lead', 'unit_head', 'regional_head'], resource: 'late_entry', actions: ['update'], where: 'territory' },
  // the register holds personal data — only those who hold the meeting and the
  // administrator see names and contacts; everyone else sees the count.
  { roles: PLANNERS, resource: 'participant', actions: ['read', 'create', 'update', 'delete'], where: 'territory' },
  { roles: ['admin'], resource: 'participant', actions: ['read', 'create', 'update', 'delete'], where: 'anywhere' },
  // district statistics are read in the territory and entered by those who report on it.
  { roles: ROLES, resource: 'statistics', actions: ['read'], where: 'territory' },
  { roles: PLANNERS, resource: 'statistics', actions: ['update'], where: 'territory' },
  { roles: ['admin', 'regional_head', 'unit_head'], resource: 'statistics', actions: ['import'], where: 'anywhere' },
  { roles: ['admin'], resource: 'statistics', actions: ['update'], where: 'anywhere' },
  // the list of item topics is read by everyone and kept by the administrator.
  { roles: ROLES, resource: 'topic', actions: ['read'], where: 'anywhere' },
  { roles: ['admin'], resource: 'topic', actions: ['create', 'update'], where: 'anywhere' },
  // the protocol is read with its meeting and kept by those who hold it
  // (only its reporting inspectors sign: the service checks that).
  { roles: ROLES, resource: 'protocol', actions: ['read'], where: 'territory' },
  { roles: PLANNERS, resource: 'protocol', actions: ['update'], where: 'territory' },
  { roles: ['admin'], resource: 'protocol', actions: ['read', 'update'], where: 'anywhere' },
  // questions residents send ahead are read with the meeting in its territory and linked to
  // its items by those who hold it (they alone see the author's contact, to answer).
  { roles: ROLES, resource: 'resident_question', actions: ['read'], where: 'territory' },
  { roles: PLANNERS, resource: 'resident_question', actions: ['update'], where: 'territory' },
  { roles: ['admin'], resource: 'resident_question', actions: ['update'], where: 'anywhere' },
  // R-32.1: the video shows residents' faces — seen by those who hold the meeting and the administrator.
  { roles: PLANNERS, resource: 'video', actions: ['read', 'create'], where: 'territory' },
  { roles: ['admin'], resource: 'video', actions: ['read', 'create', 'delete'], where: 'anywhere' },
  // checks and forwardings are worked by those who hold the meeting… ('export':
  // the outgoing letter to the state body, which names the initiator and his address).
  { roles: PLANNERS, resource: 'followup', actions: ['read', 'update', 'export'], where: 'territory' },
  { roles: ['admin'], resource: 'followup', actions: ['read', 'update', 'export'], where: 'anywhere' },
  { roles: ['national_analyst', 'auditor'], resource: 'followup', actions: ['read', 'export'], where: 'anywhere' },
  // …the akimat follows them in its territory, as it reads the meeting and its protocol there
  // (issue 14; personal data stays with the register's readers, R-32.2), and reads what was
  // forwarded to its own bodies with their letters, wherever the meeting was held.
  { roles: ['akimat'], resource: 'followup', actions: ['read'], where: 'territory' },
  { roles: ['akimat'], resource: 'followup', actions: ['read', 'export'], where: 'recipient' },
  // …and R-33: the point lead (and the leadership above him) controls their execution.
  { roles: ['point_lead', 'unit_head', 'regional_head'], resource: 'control', actions: ['read', 'update'], where: 'territory' },
  { roles: ['admin'], resource: 'control', actions: ['read', 'update'], where: 'anywhere' },
  // Issue 15: analytics (compliance with and the checklist lines, participation, items and
  // their follow-up, as counts and shares) are read in the user's territory, for it or a narrower
  // part of it. The national roles (the committee's analysts, the auditor, the administrator)
  // read the country; regional and unit heads and point leads their territory. By analogy with
  // the quarter board, which every role reads in its territory ('meeting' read): inspectors and
  // assistants read the figures of their own districts — the same facts their board and
  // checklists already show them — and the akimat those of its ATU's districts, where it already
  // reads the meetings and their protocols. The figures are counts only: no personal data, so
  // nothing here needs the register's readers.
  { roles: ROLES, resource: 'analytics', actions: ['read'], where: 'territory' },
  // the directory of state bodies is read by everyone and kept by the administrator.
  { roles: ROLES, resource: 'state_body', actions: ['read'], where: 'anywhere' },
  { roles: ['admin'], resource: 'state_body', actions: ['create', 'update'], where: 'anywhere' },
  // Working-day calendar (APPK terms): read by everyone, kept by the administrator.
  { roles: ROLES, resource: 'working_calendar', actions: ['read'], where: 'anywhere' },
  { roles: ['admin'], resource: 'working_calendar', actions: ['update'], where: 'anywhere' },
  // Issue 12: the delivery log (who was sent what, through which channel) is the operators'.
  { roles: ['admin'], resource: 'delivery', actions: ['read'], where: 'anywhere' },
  // removal after retention and legal holds are the administrator's.
  { roles: ['admin'], resource: 'retention', actions: ['read', 'create', 'delete'], where: 'anywhere' },
  // an invitation addressed to an account is answered by that account.
  { roles: ROLES, resource: 'invitation', actions: ['read', 'update'], where: 'self' },
  // R-O.4: heads see who has read the rules in force (rows scoped by the repository).
  { roles: ['admin', 'national_analyst', 'regional_head', 'unit_head'], resource: 'acknowledgement', actions: ['read'], where: 'anywhere' },
  // The administrator maintains the whole structure.
  ...[...ORG, 'staff', 'assignment'].map((resource): Grant => ({
    roles: ['admin'], resource: resource as Resource, actions: ['create', 'update', 'delete'], where: 'anywhere',
  })),
];

export interface Target {
  resource: Resource;
  /** Territorial records give their path; non-territorial ones (audit, structure) give none. */
  path?: TerritoryPath;
  /** A record in several places at once (a joint meeting's districts): any one of them counts. */
  paths?: readonly TerritoryPath[];
  /** For `user` records: the user's id, to match `self`. */
  ownerId?: string;
  /**
   * Those the record asks something of (R-27.4: the reporting inspectors asked to agree to a
   * joint meeting): their accounts, and the paths where they are answered for — the covered
   * district and the inspector's own point or unit.
   */
  askedOf?: { userIds: readonly string[]; paths: readonly TerritoryPath[] };
  /**
   * Where the record is sent (R-32.5: the state bodies its items were forwarded to): the ATUs those
   * bodies serve. Matches `recipient` for an akimat whose ATU is one of them or above them.
   */
  sentTo?: { atuIds: readonly string[] };
}

const pathsOf = (target: Target): readonly TerritoryPath[] => target.paths ?? (target.path ? [target.path] : []);

function holds(actor: Actor, where: Condition, target: Target): boolean {
  switch (where) {
    case 'anywhere': return true;
    case 'self': return target.ownerId === actor.id;
    case 'territory': return pathsOf(target).some((path) => withinScope(actor.scope, path));
    case 'navigate':
      return pathsOf(target).some((path) => withinScope(actor.scope, path) || isAncestorOfScope(actor.scope, path));
    case 'addressee': return target.askedOf?.userIds.includes(actor.id) ?? false;
    case 'addressee_lead': return target.askedOf?.paths.some((path) => withinScope(actor.scope, path)) ?? false;
    case 'recipient': return actor.scope.level === 'atu' && (target.sentTo?.atuIds ?? []).some((id) => actor.scope.ids.includes(id));
  }
}

export function can(actor: Actor, action: Action, target: Target): boolean {
  return GRANTS.some((grant) => grant.resource === target.resource
    && grant.actions.includes(action)
    && grant.roles.includes(actor.role)
    && holds(actor, grant.where, target));
}

export type Abilities = Record<Action, boolean>;

/** Every action's answer for one record, sent with it to the client. */
export function abilities(actor: Actor, target: Target): Abilities {
  return Object.fromEntries(ACTIONS.map((action) => [action, can(actor, action, target)])) as Abilities;
}

/**
 * Whether a role could ever do the action on the resource somewhere. Used to choose between
 * 404 (the record is outside the user's territory: its existence is not disclosed) and 403
 * (the user sees the record but his role may not do this).
 */
export function roleMay(role: Role, action: Action, resource: Resource): boolean {
  return GRANTS.some((g) => g.resource === resource && g.actions.includes(action) && g.roles.includes(role));
}

/**
 * Records that belong to another one: the participant register and the agreements of a joint
 * meeting are part of it. Whoever sees the meeting knows they exist, so refusing him is a 403,
 * not a 404.
 */
const PART_OF: Partial<Record<Resource, Resource>> = { participant: 'meeting', agreement: 'meeting' };

/** Whether the user may know the record exists (else the API answers as if it did not). */
export function visible(actor: Actor, target: Target): boolean {
  if (can(actor, 'read', target)) return true;
  const whole = PART_OF[target.resource];
  return whole !== undefined && can(actor, 'read', { ...target, resource: whole });
}

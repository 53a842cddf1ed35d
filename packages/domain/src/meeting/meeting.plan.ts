import type { RuleId } from '../rules/rule.catalog.ts';
import { firstDisconnected, type AdjacencyPair } from '../org/adjacency.ts';
import type { Refusal } from './meeting.lifecycle.ts';

export const SETTINGS = ['gathering', 'akim_meeting', 'initiative_meeting'] as const;
export type Setting = (typeof SETTINGS)[number];
export const FORMATS = ['indoor', 'open_air', 'online', 'hybrid'] as const;
export type Format = (typeof FORMATS)[number];

/** ATU kinds whose akim may convene a local community meeting. */
export const CONVENING_ATU_KINDS = ['city_district_significance', 'village', 'settlement', 'rural_district'] as const;

/** R-27.3: a meeting convened on members' initiative needs at least 10 % of them. */
export const INITIATIVE_SHARE = 0.1;

export interface PlanFacts {
  districtIds: readonly string[];
  adjacency: readonly AdjacencyPair[];
  setting: Setting;
  convenerAtuKind: string | null;
  membersCount: number | null;
  initiatorsCount: number | null;
  format: Format;
  onlineLink: string | null;
  weatherConsidered: boolean | null;
  venueAddress: string | null;
  /** Districts (ids) that have no reporting inspector: vacant without an acting one. */
  districtsWithoutInspector: readonly string[];
  startsAt: Date;
  endsAt: Date;
}

export function initiativeShare(members: number, initiators: number): number {
  return members > 0 ? initiators / members : 0;
}

const problem = (reason: string, rule: RuleId | null, field?: string, params?: Record<string, unknown>): Refusal & { params?: Record<string, unknown> } =>
  ({ reason, rule, ...(field ? { field } : {}), ...(params ? { params } : {}) });

/**
 * Everything that makes a plan unacceptable, each with its rule. Used both to refuse a write
 * (first problem answers 4xx) and to keep a draft honest about what is still missing.
 */
export function planProblems(plan: PlanFacts): Array<Refusal & { params?: Record<string, unknown> }> {
  const problems: Array<Refusal & { params?: Record<string, unknown> }> = [];
  if (plan.districtIds.length === 0) problems.push(problem('no_districts', 'R-26', 'districtIds'));
  // a joint meeting covers adjacent districts forming one connected set.
  const breaking = firstDisconnected(plan.districtIds, plan.adjacency);
  if (breaking) problems.push(problem('not_adjacent', 'R-27.4', 'districtIds', { districtId: breaking }));
  if (plan.endsAt <= plan.startsAt) problems.push(problem('end_before_start', null, 'endsAt'));
  if (plan.setting === 'akim_meeting') {
    if (!plan.convenerAtuKind) problems.push(problem('convener_required', 'R-27.3', 'convenerAtuId'));
    else if (!(CONVENING_ATU_KINDS as readonly string[]).includes(plan.convenerAtuKind)) {
      problems.push(problem('convener_kind', 'R-27.3', 'convenerAtuId', { kind: plan.convenerAtuKind }));
    }
  }
  if (plan.setting === 'initiative_meeting') {
    if (!plan.membersCount || plan.initiatorsCount == null) problems.push(problem('initiative_counts_required', 'R-27.3', 'membersCount'));
    else {
      const share = initiativeShare(plan.membersCount, plan.initiatorsCount);
      if (plan.initiatorsCount > plan.membersCount) problems.push(problem('initiators_exceed_members', 'R-27.3', 'initiatorsCount'));
      else if (share < INITIATIVE_SHARE) {
        problems.push(problem('initiative_below_threshold', 'R-27.3', 'initiatorsCount', { share: Math.round(share * 1000) / 10 }));
      }
    }
  }
  if ((plan.format === 'online' || plan.format === 'hybrid') && !plan.onlineLink) problems.push(problem('online_link_required', 'R-27.2', 'onlineLink'));
  if (plan.format !== 'online' && !plan.venueAddress) problems.push(problem('venue_required', 'R-27.2', 'venueAddress'));
  // open air only when the weather permits — the inspector records that he considered it.
  if (plan.format === 'open_air' && plan.weatherConsidered !== true) problems.push(problem('weather_not_considered', 'R-27.2', 'weatherConsidered'));
  for (const districtId of plan.districtsWithoutInspector) {
    problems.push(problem('inspector_required', 'R-2.2', 'inspectors', { districtId }));
  }
  return problems;
}

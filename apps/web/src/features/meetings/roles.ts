import type { Role } from '../../app/types.ts';

/** Who plans meetings (policy: PLANNERS and the administrator); the server checks again. */
export const PLANNER_ROLES: readonly Role[] = ['inspector', 'assistant', 'point_lead', 'unit_head', 'regional_head', 'admin'];
/** The quarter board and the calendar: everyone who works with meetings (not the auditor). */
export const BOARD_ROLES: readonly Role[] = [
  'admin', 'national_analyst', 'regional_head', 'unit_head', 'point_lead', 'inspector', 'assistant', 'akimat',
];
export const CALENDAR_ROLES = BOARD_ROLES;
/** Invitations are addressed to heads of units and regions and to akimats. */
export const INVITATION_ROLES: readonly Role[] = ['unit_head', 'regional_head', 'akimat'];
/** Heads who see who has read the rules (R-O.4). */
export const ACK_REPORT_ROLES: readonly Role[] = ['unit_head', 'regional_head', 'admin', 'national_analyst'];
/** who answers agreements to joint meetings (policy: the inspector asked and his leadership). */
export const AGREEMENT_ROLES: readonly Role[] = ['inspector', 'point_lead', 'unit_head', 'regional_head'];
/** Who enters a meeting held without Esep: those who hold meetings, not the administrator (policy: late_entry create). */
export const LATE_ENTRY_ROLES: readonly Role[] = ['inspector', 'assistant', 'point_lead', 'unit_head', 'regional_head'];
/** who confirms or returns such an entry in his territory (policy: late_entry update). */
export const LATE_CONFIRM_ROLES: readonly Role[] = ['point_lead', 'unit_head', 'regional_head'];

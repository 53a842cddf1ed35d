/** Roles of Esep's users. Point lead is the inspector responsible for a district police point. */
export const ROLES = [
  'admin', 'national_analyst', 'regional_head', 'unit_head', 'point_lead', 'inspector',
  'assistant', 'akimat', 'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** The territorial level at which each role works; it decides what the user's scope holds. */
export const ROLE_LEVEL: Record<Role, 'national' | 'region' | 'unit' | 'point' | 'districts' | 'atu'> = {
  admin: 'national',
  national_analyst: 'national',
  auditor: 'national',
  regional_head: 'region',
  unit_head: 'unit',
  point_lead: 'point',
  inspector: 'districts',
  assistant: 'districts',
  akimat: 'atu',
};

/**
 * What ties an account of the role to where it works: nothing for national roles; inspectors and
 * assistants through their staff member's district assignments; every other role through
 * a territory of its level.
 */
export type AccountBinding = { kind: 'none' } | { kind: 'staff' } | { kind: 'territory'; level: 'region' | 'unit' | 'point' | 'atu' };
export function accountBinding(role: Role): AccountBinding {
  const level = ROLE_LEVEL[role];
  if (level === 'national') return { kind: 'none' };
  if (level === 'districts') return { kind: 'staff' };
  return { kind: 'territory', level };
}

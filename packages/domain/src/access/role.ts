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

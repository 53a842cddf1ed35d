import type { Role } from '../../app/types.ts';

/** Issue 15: who sees the analytics — the roles above the inspector (policy resource `analytics`). */
export const ANALYTICS_ROLES: readonly Role[] = ['point_lead', 'unit_head', 'regional_head', 'national_analyst', 'admin'];

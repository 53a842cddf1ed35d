import type { Role } from '../../app/types.ts';

/** who verifies execution on the control board (policy resource `control`); the server checks again. */
export const CONTROL_ROLES: readonly Role[] = ['point_lead', 'unit_head', 'regional_head', 'admin'];
/** State bodies, the working calendar and retention are kept by the administrator. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];
/** Heads who may reassign a check (policy resource `control` update). */
export const REASSIGN_ROLES: readonly Role[] = CONTROL_ROLES;

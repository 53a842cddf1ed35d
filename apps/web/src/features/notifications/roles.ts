import type { Role } from '../../app/types.ts';

/** Issue 12: the delivery log (who was sent what, and through which channel) is the administrator's (policy `delivery` read). */
export const DELIVERY_ROLES: readonly Role[] = ['admin'];

import type { ErrorCode } from '@esep/contracts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  validation_failed: 400, unsupported_file: 400, password_policy: 400,
  unauthenticated: 401, invalid_credentials: 401, wrong_password: 400,
  csrf_failed: 403, forbidden: 403, demo_disabled: 403,
  not_found: 404, oidc_disabled: 404,
  conflict: 409, assignment_overlap: 409, rule_violation: 409, already_registered: 409, registration_closed: 409, consent_required: 400,
  payload_too_large: 413, import_invalid: 422,
  account_locked: 423, rate_limited: 429,
  oidc_failed: 502, internal_error: 500, database_unavailable: 503,
};

/** A refusal with a stable code; the error plugin turns it into the one error shape. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    status?: number,
    /** A sentence more precise than the code's generic message, in each language. */
    readonly messages?: Record<'kk' | 'ru' | 'en', string>,
  ) {
    super(code);
    this.status = status ?? STATUS[code] ?? 400;
  }
}

/**
 * A refusal by a rule of the regulation: the answer names the reason, the rule ID and its
 * paragraph, and says why in the user's language.
 */
export function ruleRefusal(
  refusal: { reason: string; rule: string | null; field?: string; params?: Record<string, unknown> },
  messages: Record<'kk' | 'ru' | 'en', string>,
  status = 422,
): AppError {
  return new AppError(refusal.rule ? 'rule_violation' : 'validation_failed', {
    reason: refusal.reason, rule: refusal.rule, field: refusal.field ?? null, ...(refusal.params ? { params: refusal.params } : {}),
  }, status, messages);
}

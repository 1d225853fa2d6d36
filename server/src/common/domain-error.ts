import { ERROR_MESSAGES, type ErrorCode } from '@zipin/shared';

/**
 * The one error type services throw. The filter maps it to GraphQL `extensions.code` (and
 * to an HTTP status on REST routes); the client switches on the code.
 */
export class DomainError extends Error {
  /** The same message in English; the code's own English when only Chinese was given. */
  readonly messageEn: string;

  constructor(
    readonly code: ErrorCode,
    message?: string | { zh: string; en: string },
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === 'object' ? message.zh : message ?? ERROR_MESSAGES[code].zh);
    this.name = 'DomainError';
    const reasonEn = typeof details?.reasonEn === 'string' ? details.reasonEn : null;
    this.messageEn = typeof message === 'object' ? message.en : reasonEn ?? ERROR_MESSAGES[code].en;
  }
}

export const HTTP_STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ROLE_NOT_ALLOWED: 403,
  NOT_IN_SCOPE: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  NOT_EDITABLE: 409,
  TRANSITION_NOT_ALLOWED: 409,
  NOT_CLAIMANT: 409,
  CHECKS_BLOCK_SUBMISSION: 409,
  REASON_REQUIRED: 400,
  PUBLISH_TIME_INVALID: 400,
  PASSWORD_TOO_WEAK: 400,
  PASSWORD_CHANGE_REQUIRED: 403,
  SIGNATURE_INVALID: 400,
  DUPLICATE: 409,
  ACCOUNT_LOCKED: 429,
  VALIDATION_FAILED: 400,
  FILE_REJECTED: 400,
  QUERY_TOO_COMPLEX: 400,
  RENDER_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  REQUEST_TOO_LARGE: 413,
};

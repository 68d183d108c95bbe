/**
 * The one error type of Yinfeng. Services throw it; the HTTP layer maps `code` to a status
 * (see http/plugins/error-handler.ts); the CLI prints `message`. Messages are Chinese and name
 * what the user can act on (field, row, value).
 */
export type AppErrorCode =
  | 'VALIDATION'
  /** a file or value over a size limit (zip bomb, too many entries …): HTTP 422 */
  | 'LIMIT_EXCEEDED'
  | 'UNAUTHENTICATED'
  | 'AUTH_FAILED'
  /** the account has a second factor and the code is missing or wrong: HTTP 401 */
  | 'TOTP_REQUIRED'
  /** too many attempts: HTTP 429 with Retry-After */
  | 'RATE_LIMITED'
  /** the session's account must change its temporary password first: HTTP 403 */
  | 'PASSWORD_CHANGE_REQUIRED'
  /** the session's account must enrol the second factor its roles require first: HTTP 403 */
  | 'TOTP_ENROLMENT_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'BAD_REQUEST'
  | 'INTERNAL';

export interface AppErrorDetail {
  field?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetail[] | undefined;
  /** seconds the client should wait before trying again (sent as Retry-After) */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: AppErrorCode, message: string, details?: AppErrorDetail[], options?: { retryAfterSeconds?: number }) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

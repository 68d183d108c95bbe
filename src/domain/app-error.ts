/**
 * The one error type of Yinfeng. Services throw it; the HTTP layer maps `code` to a status
 * (see http/plugins/error-handler.ts); the CLI prints `message`. Messages are Chinese and name
 * what the user can act on (field, row, value).
 */
export type AppErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'AUTH_FAILED'
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

  constructor(code: AppErrorCode, message: string, details?: AppErrorDetail[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

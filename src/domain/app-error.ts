/**
 * The one error type of Yinfeng. Services throw it; the HTTP layer maps `code` to a status
 * (see http/plugins/error-handler.ts); the CLI prints `message`. Messages name what the user can
 * act on (field, row, value). A message given as a catalog Message (`msg(key, params)`,
 * domain/messages) is answered in the reader's language; `message` is always its Chinese text.
 * A plain string stays Chinese in every language (only CLI and operator paths still throw one; docs/architecture.md).
 */
import { msg, renderMessage, type Message } from './messages/catalog';
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
  /** a retry whose idempotency key an earlier request already used for a change that committed: HTTP 409 */
  | 'IDEMPOTENT_APPLIED'
  /** an idempotency key sent again with a different request (another route or body): HTTP 422 */
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'BAD_REQUEST'
  | 'INTERNAL';

export interface AppErrorDetail {
  field?: string;
  /** Chinese text */
  message: string;
  /** the same as a catalog message, when it has one (the HTTP answer renders it in the reader's language) */
  text?: Message;
}

/** A detail as a throw site gives it: text, or a catalog message. */
export interface AppErrorDetailInput {
  field?: string;
  message: string | Message;
}

function toDetail(d: AppErrorDetailInput): AppErrorDetail {
  if (typeof d.message === 'string') return d.field === undefined ? { message: d.message } : { field: d.field, message: d.message };
  return { ...(d.field === undefined ? {} : { field: d.field }), message: renderMessage(d.message, 'zh'), text: d.message };
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetail[] | undefined;
  /** seconds the client should wait before trying again (sent as Retry-After) */
  readonly retryAfterSeconds: number | undefined;

  /** the message as a catalog message; a plain-string message is wrapped as the untranslated `text.plain` */
  readonly text: Message;

  constructor(code: AppErrorCode, message: string | Message, details?: AppErrorDetailInput[], options?: { retryAfterSeconds?: number }) {
    super(typeof message === 'string' ? message : renderMessage(message, 'zh'));
    this.name = 'AppError';
    this.code = code;
    this.text = typeof message === 'string' ? msg('text.plain', { text: message }) : message;
    this.details = details?.map(toDetail);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

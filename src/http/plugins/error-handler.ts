/**
 * One map from errors to HTTP: `{ error: { code, message, details? } }`. `code` is stable (scripts
 * read it); `message` and each detail's `message` are in the request's language (request-lang.ts):
 * Chinese by default, English from the catalog with `Accept-Language: en` (domain/messages).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type AppErrorCode, type AppErrorDetail } from '../../domain/app-error';
import { isMessageKey, msg, renderMessage, type Lang, type Message, type ParamValue } from '../../domain/messages/catalog';
import { langOf } from '../request-lang';
import { describeConnectionLoss } from './database-unavailable';
import { describeOverload } from './load-shedding';

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  LIMIT_EXCEEDED: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  AUTH_FAILED: 401,
  TOTP_REQUIRED: 401,
  RATE_LIMITED: 429,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_ENROLMENT_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENT_APPLIED: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INTERNAL: 500,
};

const PART_NAMES: Record<string, Message> = {
  body: msg('http.part.body'),
  querystring: msg('http.part.querystring'),
  params: msg('http.part.params'),
  headers: msg('http.part.headers'),
};

/** The English messages of zod's own checks (the Chinese ones are the global default: app.ts). */
const zodEnglish = z.locales.en().localeError;

interface PlainDetail {
  field?: string;
  message: string;
}

function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: PlainDetail[]) {
  return reply.status(status).send({ error: { code, message, ...(details && details.length > 0 ? { details } : {}) } });
}

function renderDetails(details: AppErrorDetail[] | undefined, lang: Lang): PlainDetail[] | undefined {
  return details?.map((d) => ({ ...(d.field === undefined ? {} : { field: d.field }), message: d.text ? renderMessage(d.text, lang) : d.message }));
}

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * One zod issue's text: a schema's own message is a catalog key (http/schemas.ts: `.min(1,
 * 'validation.required')`), filled from the issue's numbers (minimum, maximum); zod's own checks
 * speak through its locale (Chinese by default, English on request).
 */
function describeIssue(v: ValidationIssue, lang: Lang): string {
  const text = v.message ?? '';
  if (isMessageKey(text)) {
    const params: Record<string, ParamValue> = {};
    for (const [k, value] of Object.entries(v.params ?? {})) if (typeof value === 'number' || typeof value === 'string') params[k] = value;
    return renderMessage({ key: text, params }, lang);
  }
  if (lang === 'zh' || !v.keyword) return text || renderMessage(msg('http.badFormat'), lang);
  // zod's issue as the type provider flattened it (errors.js: keyword = code, params = the rest)
  const english = zodEnglish({ ...v.params, code: v.keyword, path: [], message: text, input: v.params?.input } as Parameters<typeof zodEnglish>[0]);
  return typeof english === 'string' ? english : (english?.message ?? renderMessage(msg('http.badFormat'), lang));
}

function describeValidation(err: { validation?: ValidationIssue[]; validationContext?: string }, lang: Lang) {
  const part = err.validationContext ?? 'body';
  const details: PlainDetail[] = (err.validation ?? []).map((v) => {
    const field = v.instancePath?.replace(/^\//, '').replace(/\//g, '.') || part;
    return { field, message: describeIssue(v, lang) };
  });
  const summary = details.map((d) => `${d.field}${lang === 'zh' ? '：' : ': '}${d.message}`).join(lang === 'zh' ? '；' : '; ');
  const partName = PART_NAMES[part];
  return { message: renderMessage(msg('http.invalidPart', { part: partName ?? part, summary }), lang), details };
}

/**
 * A refused input as field-and-message pairs in the request's language — for the pages that show the
 * refusal beside the re-filled form instead of the JSON answer; null for any other error.
 */
export function describeInputRefusal(err: unknown, lang: Lang): PlainDetail[] | null {
  if (err instanceof AppError && err.code === 'VALIDATION') return renderDetails(err.details, lang) ?? [{ message: renderMessage(err.text, lang) }];
  if (hasZodFastifySchemaValidationErrors(err)) return describeValidation(err, lang).details;
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = langOf(request);
    const say = (m: Message) => renderMessage(m, lang);
    if (err instanceof AppError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      return sendError(reply, STATUS[err.code], err.code, say(err.text), renderDetails(err.details, lang));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const { message, details } = describeValidation(err, lang);
      return sendError(reply, 400, 'VALIDATION', message, details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, reqId: request.id }, 'response does not match its schema');
      return sendError(reply, 500, 'INTERNAL', say(msg('http.internal', { requestId: String(request.id) })));
    }
    const overload = describeOverload(err); // statement timeout or no free connection: 503 with Retry-After (load-shedding.ts)
    if (overload) {
      request.log.warn({ err, reqId: request.id }, 'database busy');
      return sendError(reply.header('retry-after', String(overload.retryAfterSeconds)), overload.status, overload.code, say(overload.text));
    }
    const lost = describeConnectionLoss(err, String(request.id));
    if (lost) {
      request.log.warn({ err, reqId: request.id }, 'database connection lost');
      return sendError(reply.header('retry-after', String(lost.retryAfterSeconds)), 503, 'DATABASE_UNAVAILABLE', say(lost.text));
    }
    const pgCode = (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code; // drizzle wraps driver errors (DrizzleQueryError.cause)
    if (pgCode === '23505') return sendError(reply, 409, 'CONFLICT', say(msg('http.duplicate')));
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && err.statusCode === 400)) {
      return sendError(reply, 400, 'BAD_REQUEST', say(msg('http.invalidJson')));
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendError(reply, 400, 'BAD_REQUEST', say(msg('http.emptyJson')));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 415, 'BAD_REQUEST', say(msg('http.mediaType', { contentType: request.headers['content-type'] ?? msg('http.unspecified') })));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'BAD_REQUEST', say(msg('http.bodyTooLarge')));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, err.statusCode, 'BAD_REQUEST', say(msg('http.badRequest', { code: err.code ?? err.statusCode })));
    }
    request.log.error({ err, reqId: request.id }, 'internal error');
    return sendError(reply, 500, 'INTERNAL', say(msg('http.internal', { requestId: String(request.id) })));
  });
}

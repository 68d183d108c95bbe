/** One map from errors to HTTP: `{ error: { code, message, details? } }` with Chinese messages. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode, type AppErrorDetail } from '../../domain/app-error';
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
  INTERNAL: 500,
};

const PART_NAMES: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: AppErrorDetail[]) {
  return reply.status(status).send({ error: { code, message, ...(details && details.length > 0 ? { details } : {}) } });
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

function describeValidation(err: { validation?: ValidationIssue[]; validationContext?: string }) {
  const part = err.validationContext ?? 'body';
  const details: AppErrorDetail[] = (err.validation ?? []).map((v) => {
    const field = v.instancePath?.replace(/^\//, '').replace(/\//g, '.') || part;
    return { field, message: v.message ?? '格式不正确' };
  });
  const summary = details.map((d) => `${d.field}：${d.message}`).join('；');
  return { message: `${PART_NAMES[part] ?? part}有误：${summary}`, details };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      return sendError(reply, STATUS[err.code], err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const { message, details } = describeValidation(err);
      return sendError(reply, 400, 'VALIDATION', message, details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, reqId: request.id }, 'response does not match its schema');
      return sendError(reply, 500, 'INTERNAL', `服务器内部错误，请联系管理员（请求编号 ${request.id}）`);
    }
    const overload = describeOverload(err); // statement timeout or no free connection: 503 with Retry-After (load-shedding.ts)
    if (overload) {
      request.log.warn({ err, reqId: request.id }, 'database busy');
      return sendError(reply.header('retry-after', String(overload.retryAfterSeconds)), overload.status, overload.code, overload.message);
    }
    const pgCode = (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code; // drizzle wraps driver errors (DrizzleQueryError.cause)
    if (pgCode === '23505') return sendError(reply, 409, 'CONFLICT', '数据重复：已存在相同编号或名称的记录');
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && err.statusCode === 400)) {
      return sendError(reply, 400, 'BAD_REQUEST', '请求体不是合法的 JSON');
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendError(reply, 400, 'BAD_REQUEST', '请求体为空，需要 JSON');
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 415, 'BAD_REQUEST', `不支持的内容类型：${request.headers['content-type'] ?? '未指定'}，请使用 application/json`);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'BAD_REQUEST', '请求体过大');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, err.statusCode, 'BAD_REQUEST', `请求有误（${err.code ?? err.statusCode}）`);
    }
    request.log.error({ err, reqId: request.id }, 'internal error');
    return sendError(reply, 500, 'INTERNAL', `服务器内部错误，请联系管理员（请求编号 ${request.id}）`);
  });
}

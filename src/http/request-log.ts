/**
 * One JSON log line per request, written when it is answered: the request id (reqId, bound by
 * Fastify), the signed-in user's id (absent for anonymous calls), method, route pattern, status and
 * duration. Nothing personal: no URL (its query may hold a name or a telephone number), no client
 * address, no header, no body. Fastify's own "incoming request" line is dropped; its other lines
 * (errors answered by the default handler, stream errors) are as before. The lines are written at info
 * level (so at LOG_LEVEL info, debug or trace) unless YINFENG_REQUEST_LOG=false.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export interface RequestLogLine {
  userId?: string;
  method: string;
  route: string | null;
  statusCode: number;
  durationMs: number;
}

export function describeRequest(request: FastifyRequest, reply: FastifyReply): RequestLogLine {
  return {
    ...(request.currentUser ? { userId: request.currentUser.id } : {}),
    method: request.method,
    route: request.routeOptions.url ?? null,
    statusCode: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
  };
}

export class RequestLog extends LogController {
  override incomingRequest(): void {
    // one line per request, when it is answered (requestCompleted)
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ ...describeRequest(request, reply), err: error }, 'request errored');
    else reply.log.info(describeRequest(request, reply), 'request completed');
  }
}

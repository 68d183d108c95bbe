/**
 * `Idempotency-Key` on writes (services/idempotency/idempotency.ts): for a signed-in caller's POST, PUT, PATCH or
 * DELETE with the header, the key is checked before the handler runs — an earlier answer under the same key is
 * given again (with `Idempotent-Replayed: true`), another request under it is refused — and otherwise handed to
 * the services on the caller, where the change's audit claims it in the change's transaction. A successful JSON
 * answer is kept for retries. Without the header nothing changes.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import type { Deps } from '../../services/context';
import { findEarlierRequest, IDEMPOTENCY_KEY_PATTERN, rememberIdempotentAnswer } from '../../services/idempotency/idempotency';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** SHA-256 over the method, the URL (with its query) and the body as received. */
function fingerprintOf(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  const body: unknown = request.body;
  if (Buffer.isBuffer(body)) hash.update(body);
  else if (typeof body === 'string') hash.update(body);
  else if (body !== undefined && body !== null) hash.update(JSON.stringify(body));
  return hash.digest('hex');
}

export function registerIdempotency(app: FastifyInstance, deps: Deps): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !WRITES.has(request.method)) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new AppError('VALIDATION', msg('http.invalidHeader', { header: 'Idempotency-Key', reason: msg('http.idempotencyKeyFormat') }));
    }
    const caller = request.caller;
    if (!caller?.actor.id) return; // public and anonymous routes keep their own duplicate rules
    const fingerprint = fingerprintOf(request);
    const earlier = await findEarlierRequest(deps.db, caller.actor.id, key, fingerprint);
    if (earlier.kind === 'answered') {
      reply.header('idempotent-replayed', 'true').code(earlier.status);
      return reply.send(earlier.body ?? undefined);
    }
    request.caller = { ...caller, idempotency: { key, fingerprint } };
    return undefined;
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const caller = request.caller;
    if (!caller?.idempotency || reply.statusCode >= 300 || reply.getHeader('idempotent-replayed')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    let body: unknown = null;
    if (typeof payload === 'string' && type.startsWith('application/json')) {
      try {
        body = JSON.parse(payload);
      } catch {
        return payload;
      }
    } else if (payload !== undefined && payload !== null && payload !== '') {
      return payload; // a file or a stream: a retry is refused as already applied instead of answered again
    }
    await rememberIdempotentAnswer(deps.db, caller, reply.statusCode, body).catch((err: unknown) => request.log.warn({ err }, 'idempotent answer not kept'));
    return payload;
  });
}

/**
 * The language of a request's answers: the Accept-Language header, which the web client sets from
 * the language chosen in the header menu (web/src/api/client.ts). Chinese when absent or neither
 * Chinese nor English. Users have no stored language preference (the choice lives in the browser).
 */
import type { FastifyRequest } from 'fastify';
import { pickLang, renderMessage, type Lang, type Message } from '../domain/messages/catalog';

export function langOf(request: FastifyRequest): Lang {
  return pickLang(request.headers['accept-language']);
}

/** A catalog message in the request's language. */
export function renderFor(request: FastifyRequest, m: Message): string {
  return renderMessage(m, langOf(request));
}

/**
 * Input that no schema should have to think about, refused with 400 naming the field before any
 * route sees it: JSON bodies nested deeper than MAX_JSON_DEPTH, and text that cannot be stored
 * (U+0000, lone surrogates: domain/text-input.ts) anywhere in a JSON body (keys too), the query
 * string or the path parameters. The JSON parser replaces Fastify's default and keeps its
 * prototype-poisoning protection (secure-json-parse, the same library).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { describeBadTextMessage } from '../../domain/text-input';

/** Deeper than any request of the API (the deepest bodies nest about 4 levels). */
export const MAX_JSON_DEPTH = 32;

const PART_NAMES = { body: msg('http.part.body'), querystring: msg('http.part.querystring'), params: msg('http.part.params') } as const;
type Part = keyof typeof PART_NAMES;

/** 'a.b.0.c' of a path, or the part's own name at the top. */
function fieldName(path: (string | number)[], part: Part): string {
  return path.length === 0 ? part : path.join('.');
}

function refuse(part: Part, path: (string | number)[], reason: Message): never {
  const field = fieldName(path, part);
  throw new AppError('VALIDATION', msg('http.invalidField', { part: PART_NAMES[part], field, reason }), [{ field, message: reason }]);
}

/**
 * The nesting depth of JSON text, read without building anything (so a body of a million `[`
 * costs one pass, never a deep recursion); stops at the first level past `limit` and returns
 * the keys and indexes leading there.
 */
function findTooDeep(text: string, limit: number): (string | number)[] | null {
  // one frame per open container: its kind and the position inside it (last key, or index)
  const frames: { kind: '{' | '['; index: number; key: string }[] = [];
  const position = () => frames.map((f) => (f.kind === '[' ? f.index : f.key));
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = frames[frames.length - 1];
    if (c === '"') {
      // the closing quote: the next '"' not escaped (an even number of backslashes before it)
      let j = text.indexOf('"', i + 1);
      while (j > 0) {
        let backslashes = 0;
        while (text[j - 1 - backslashes] === '\\') backslashes++;
        if (backslashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j < 0) return null; // unterminated: JSON.parse reports it
      if (top?.kind === '{') {
        let k = j + 1;
        while (k < text.length && (text[k] === ' ' || text[k] === '\n' || text[k] === '\r' || text[k] === '\t')) k++;
        if (text[k] === ':') {
          try {
            top.key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            top.key = text.slice(i + 1, j);
          }
        }
      }
      i = j;
    } else if (c === '{' || c === '[') {
      if (frames.length >= limit) return position();
      frames.push({ kind: c, index: 0, key: '' });
    } else if (c === '}' || c === ']') {
      frames.pop();
    } else if (c === ',' && top?.kind === '[') {
      top.index++;
    }
  }
  return null;
}

/** Every string (and object key) of a parsed JSON value, walked without recursion; throws at the first bad one. */
function checkStrings(value: unknown, part: Part): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof v === 'string') {
      const bad = describeBadTextMessage(v);
      if (bad) refuse(part, path, bad);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const bad = describeBadTextMessage(k);
        if (bad) refuse(part, [...path, k], msg('http.fieldNameBad', { reason: bad }));
        stack.push({ value: child, path: [...path, k] });
      }
    }
  }
}

/** A decoded request header's text (e.g. x-file-name): refused with 400 naming the header when it cannot be stored. */
export function checkHeaderText(header: string, value: string): string {
  const bad = describeBadTextMessage(value);
  if (bad) throw new AppError('VALIDATION', msg('http.invalidHeader', { header, reason: bad }), [{ field: header, message: bad }]);
  return value;
}

/** Parses a JSON body as Fastify does, with the depth limit and the text check. */
export function parseJsonBody(text: string): unknown {
  const tooDeep = findTooDeep(text, MAX_JSON_DEPTH);
  if (tooDeep) refuse('body', tooDeep, msg('http.jsonTooDeep', { max: MAX_JSON_DEPTH }));
  const value: unknown = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  checkStrings(value, 'body');
  return value;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') {
      const err = Object.assign(new Error('Body cannot be empty when content-type is set to \'application/json\''), { statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY' });
      done(err, undefined);
      return;
    }
    try {
      done(null, parseJsonBody(text));
    } catch (err) {
      if (err instanceof AppError) {
        done(err, undefined);
        return;
      }
      done(Object.assign(err as Error, { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });
  app.addHook('preValidation', async (request) => {
    checkStrings(request.query, 'querystring');
    checkStrings(request.params, 'params');
  });
}

/**
 * Bad input never gives a 5xx (issue 10, item 11), on both databases. The requests are generated
 * from the application's own OpenAPI document (every registered /api route): for each route a
 * baseline request is built from its schemas (valid-looking values: enums, patterns, dates,
 * region codes, the id of a real project), then every string field of the body, the query and the
 * path is replaced in turn by text that cannot be stored (U+0000, a lone surrogate), every date
 * field by impossible dates (2026-02-30, 0000-00-00), every month field by 0000-01 and 2026-13,
 * and every amount (…Yuan) by 2^53 − 1. Each answer must be below 500; the shared mechanisms must
 * also answer 400 naming the field for the cases checked one by one below.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  description?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const NUL = 'ab\u0000cd';
const LONE = 'ab\ud800cd';
const BAD_DATES = ['2026-02-30', '0000-00-00'];
const BAD_MONTHS = ['0000-01', '2026-13'];
const HUGE_YUAN = Number.MAX_SAFE_INTEGER;
/** routes whose success would end the walk's session or are not JSON APIs */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/imports', 'POST /api/import-jobs']);

/** A schema without its null alternative (zod's nullable/optional become anyOf with null). */
function concrete(s: JsonSchema): JsonSchema {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return concrete(alts.find((a) => a.type !== 'null') ?? alts[0] ?? {});
  if (s.allOf?.length) return concrete(s.allOf[0] ?? {});
  return s;
}

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

const isDateField = (name: string, s: JsonSchema) => /YYYY-MM-DD/.test(`${s.description ?? ''}${s.pattern ?? ''}`) || s.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || /(Date|On|^date|^asOf)$/.test(name);
const isMonthField = (name: string, s: JsonSchema) => /YYYY-MM(?!-)/.test(s.description ?? '') || (s.pattern?.includes('(0[1-9]|1[0-2])') ?? false) || /^(month|from|to)$/.test(name);

/** A plausible value for a schema (the baseline every mutation starts from). */
function sample(s0: JsonSchema, name: string, ids: Record<string, string>): unknown {
  const s = concrete(s0);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'uuid') return ids[name] ?? randomUUID();
      if (s.format === 'date-time') return '2026-03-01T00:00:00.000Z';
      if (isDateField(name, s)) return '2026-03-02';
      if (isMonthField(name, s)) return '2026-03';
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        const found = ['650109', '2026-03-02', '2026-03', '91320500MA1M111112', 'C38', 'A', 'abc', '1'].find((c) => re.test(c));
        if (found) return found;
      }
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    }
    case 'number':
    case 'integer':
      return Math.min(Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1), 1), s.maximum ?? Infinity);
    case 'boolean':
      return false;
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => sample(s.items ?? {}, name, ids)) : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(k)) out[k] = sample(v, k, ids);
      }
      return out;
    }
    default:
      return 'x';
  }
}

interface Field {
  path: string[];
  schema: JsonSchema;
}

/** Every scalar field of a body schema (optional ones too), with its path. */
function fieldsOf(s0: JsonSchema, path: string[] = [], depth = 0): Field[] {
  const s = concrete(s0);
  if (depth > 4) return [];
  if (typeOf(s) === 'object') return Object.entries(s.properties ?? {}).flatMap(([k, v]) => fieldsOf(v, [...path, k], depth + 1));
  if (typeOf(s) === 'array') return fieldsOf(s.items ?? {}, [...path, '0'], depth + 1);
  return path.length > 0 ? [{ path, schema: s }] : [];
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown, schema: JsonSchema, ids: Record<string, string>): void {
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const nextIsIndex = path[i + 1] === '0';
    const container = node as Record<string, unknown>;
    if (container[key] === undefined || container[key] === null) container[key] = nextIsIndex ? [] : {};
    node = container[key] as Record<string, unknown>;
    if (Array.isArray(node) && node.length === 0) node.push({});
    if (Array.isArray(node)) {
      if (i + 1 === path.length - 1) break;
      node = node[0] as Record<string, unknown>;
      i++;
    }
  }
  const last = path[path.length - 1] as string;
  if (Array.isArray(node)) node[0] = value;
  else (node as Record<string, unknown>)[last] = value;
  void schema;
  void ids;
}

function badValuesFor(name: string, s: JsonSchema): unknown[] {
  const t = typeOf(s);
  if (t === 'string') {
    const values: unknown[] = [NUL, LONE];
    if (isDateField(name, s)) values.push(...BAD_DATES);
    if (isMonthField(name, s)) values.push(...BAD_MONTHS);
    return values;
  }
  if ((t === 'number' || t === 'integer') && /Yuan$/.test(name)) return [HUGE_YUAN];
  return [];
}

/** Percent-encoding; a lone surrogate (no UTF-8 form) goes as the bytes ED A0 80, which the server must decode without failing. */
function encode(v: string): string {
  return v
    .split(/([\uD800-\uDFFF])/)
    .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

interface Sent {
  route: string;
  where: string;
  value: unknown;
  status: number;
  body: string;
}

describe.each(DATABASE_KINDS)('bad input on every route (%s)', (kind) => {
  let t: TestApp;
  let cookie: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('walker', ['officer', 'statistician', 'reviewer', 'leader', 'analyst'], '650100');
    cookie = await t.login('walker');
    const project = await t.call('POST', '/api/projects', { cookie, body: { name: '遍历项目', regionCode: '650109' } });
    expect(project.statusCode).toBe(201);
    ids.id = (project.json() as { id: string }).id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Sends one request; a 401 (the session ended) logs in again and retries once. */
  async function send(method: string, url: string, body: unknown): Promise<{ status: number; body: string }> {
    let res = await t.call(method, url, { cookie, ...(body !== undefined ? { body } : {}) });
    if (res.statusCode === 401) {
      cookie = await t.login('walker');
      res = await t.call(method, url, { cookie, ...(body !== undefined ? { body } : {}) });
    }
    return { status: res.statusCode, body: res.body };
  }

  it('no route answers 5xx to NUL, lone surrogates, impossible dates and months, or 2^53 − 1 yuan in any field', async () => {
    await t.app.ready();
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    const failures: Sent[] = [];
    let sent = 0;
    for (const [openPath, methods] of Object.entries(doc.paths)) {
      if (!openPath.startsWith('/api/')) continue;
      for (const [m, op] of Object.entries(methods)) {
        const method = m.toUpperCase();
        const route = `${method} ${openPath}`;
        if (SKIP.has(route) || method === 'HEAD') continue;
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path');
        const queryParams = params.filter((p) => p.in === 'query');
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        const baseParams = Object.fromEntries(pathParams.map((p) => [p.name, String(sample(p.schema ?? {}, p.name, ids))]));
        const baseQuery = Object.fromEntries(queryParams.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema ?? {}, p.name, ids))]));
        const baseBody = bodySchema ? (sample(bodySchema, 'body', ids) as Record<string, unknown>) : undefined;
        const url = (pp: Record<string, string>, q: Record<string, string>) => {
          const p = openPath.replace(/\{(\w+)\}/g, (_, n: string) => encode(pp[n] ?? 'x'));
          const qs = Object.entries(q)
            .map(([k, v]) => `${encode(k)}=${encode(v)}`)
            .join('&');
          return qs ? `${p}?${qs}` : p;
        };
        const attempt = async (where: string, value: unknown, pp: Record<string, string>, q: Record<string, string>, body: unknown) => {
          const res = await send(method, url(pp, q), method === 'GET' || method === 'DELETE' ? (body === undefined ? undefined : body) : (body ?? baseBody));
          sent++;
          if (res.status >= 500) failures.push({ route, where, value, status: res.status, body: res.body.slice(0, 300) });
        };
        for (const p of pathParams) {
          for (const v of badValuesFor(p.name, concrete(p.schema ?? {}))) await attempt(`path ${p.name}`, v, { ...baseParams, [p.name]: String(v) }, baseQuery, undefined);
        }
        for (const p of queryParams) {
          const s = concrete(p.schema ?? {});
          const values = typeOf(s) === 'number' || typeOf(s) === 'integer' ? [...badValuesFor(p.name, s), 'abc'] : badValuesFor(p.name, s);
          for (const v of values) await attempt(`query ${p.name}`, v, baseParams, { ...baseQuery, [p.name]: String(v) }, undefined);
        }
        if (bodySchema && baseBody && typeof baseBody === 'object') {
          for (const f of fieldsOf(bodySchema)) {
            for (const v of badValuesFor(f.path[f.path.length - 1] ?? '', f.schema)) {
              const body = structuredClone(baseBody);
              setPath(body, f.path, v, f.schema, ids);
              await attempt(`body ${f.path.join('.')}`, v, baseParams, baseQuery, body);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 600_000);

  it('names the field with 400: NUL and lone surrogates in body, query and path; impossible dates; month 0000-01; nesting; the amount cap', async () => {
    const expect400 = async (method: string, url: string, body: unknown, field: string, message: RegExp) => {
      const res = await send(method, url, body);
      expect(res.status, `${method} ${url}: ${res.body}`).toBe(400);
      const err = (JSON.parse(res.body) as { error: { message: string; details?: { field?: string; message: string }[] } }).error;
      expect(err.details?.map((d) => d.field)).toContain(field);
      expect(err.message).toMatch(message);
    };
    await expect400('POST', '/api/projects', { name: 'a\u0000b', regionCode: '650109' }, 'name', /name：含有空字符（U\+0000）/);
    await expect400('POST', '/api/projects', { name: 'a\ud800', regionCode: '650109' }, 'name', /含有不成对的代理字符（U\+D800）/);
    await expect400('GET', '/api/projects?q=%00', undefined, 'q', /查询参数有误：q：含有空字符/);
    await expect400('POST', '/api/projects', { name: '日期', regionCode: '650109', signedDate: '2026-02-30' }, 'signedDate', /日期不存在/);
    await expect400('POST', '/api/projects', { name: '日期', regionCode: '650109', signedDate: '0000-00-00' }, 'signedDate', /日期不存在/);
    await expect400('POST', `/api/projects/${ids.id}/receipts`, { month: '0000-01', amountYuan: 1 }, 'month', /月份/);
    await expect400('POST', `/api/projects/${ids.id}/receipts`, { month: '2026-01', amountYuan: HUGE_YUAN }, 'amountYuan', /金额超过上限 1000000000 万元（10 万亿元）/);
    const deep = `{"name":${'['.repeat(100)}${']'.repeat(100)}}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/projects', payload: deep, headers: { cookie, 'content-type': 'application/json', origin: t.config.publicOrigins[0] ?? 'http://localhost' } });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/^请求体有误：name\.0\.0.*：JSON 嵌套超过 32 层$/);
  });
});

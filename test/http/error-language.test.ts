/**
 * The language of the API's texts (issue 11, item 11): the same request answers in Chinese by
 * default and in English with `Accept-Language: en` — errors (AppError, schema validation, access),
 * light reasons and the stage checklist — with the same `error.code` either way.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/dates';
import { shiftDate } from '../../src/domain/working-days';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface ErrorBody {
  error: { code: string; message: string; details?: { field?: string; message: string }[] };
}
interface ProjectDetail {
  id: string;
  light: string;
  lightReasons: string[];
  missingFields: { field: string; label: string }[];
  nextStageChecklist: { id: string; field: string; message: string }[];
}

const EN = { 'accept-language': 'en' };
const CJK = /[\u4e00-\u9fff]/;

describe.each(DATABASE_KINDS)('answers in the reader’s language on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let analyst: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('lang_officer', ['officer'], '650109');
    await t.createAccount('lang_analyst', ['analyst'], '650109');
    officer = await t.login('lang_officer');
    analyst = await t.login('lang_analyst');
  });
  afterAll(() => t.close());

  it('names the invalid fields in Chinese by default and in English on request', async () => {
    const body = { username: '  ', password: '' };
    const zh = (await t.call('POST', '/api/auth/login', { body })).json<ErrorBody>();
    const en = (await t.call('POST', '/api/auth/login', { body, headers: EN })).json<ErrorBody>();
    expect(zh).toEqual({
      error: {
        code: 'VALIDATION',
        message: '请求体有误：username：请输入用户名；password：请输入密码',
        details: [
          { field: 'username', message: '请输入用户名' },
          { field: 'password', message: '请输入密码' },
        ],
      },
    });
    expect(en).toEqual({
      error: {
        code: 'VALIDATION',
        message: 'Request body invalid: username: Enter the username; password: Enter the password',
        details: [
          { field: 'username', message: 'Enter the username' },
          { field: 'password', message: 'Enter the password' },
        ],
      },
    });
  });

  it('speaks zod’s own checks in English too, and a browser’s ranked list picks the language', async () => {
    const zh = (await t.call('GET', '/api/projects?pageSize=501', { cookie: officer })).json<ErrorBody>();
    expect(zh.error.message).toMatch(/^查询参数有误：pageSize：/);
    const en = (await t.call('GET', '/api/projects?pageSize=501', { cookie: officer, headers: { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' } })).json<ErrorBody>();
    expect(en.error.code).toBe('VALIDATION');
    expect(en.error.message).toMatch(/^Query parameters invalid: pageSize: Too big/);
    expect(en.error.message).not.toMatch(CJK);
    const zhFirst = (await t.call('GET', '/api/projects?pageSize=501', { cookie: officer, headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })).json<ErrorBody>();
    expect(zhFirst.error.message).toBe(zh.error.message);
  });

  it('answers a service’s AppError, a missing session and a missing permission in either language', async () => {
    const url = '/api/projects/00000000-0000-4000-8000-000000000000';
    const zh = await t.call('GET', url, { cookie: officer });
    const en = await t.call('GET', url, { cookie: officer, headers: EN });
    expect(zh.statusCode).toBe(404);
    expect(en.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'NOT_FOUND', message: '项目不存在或不在您的管辖范围内' } });
    expect(en.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'The project does not exist or is outside your jurisdiction' } });

    expect((await t.call('GET', '/api/projects', { headers: EN })).json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Please sign in first (the session does not exist or has expired)' },
    });
    const denied = await t.call('POST', '/api/projects', { cookie: analyst, headers: EN, body: { name: 'x', regionCode: '650109' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'You are not allowed to do this (requires the “Manage projects” permission)' } });
  });

  it('explains a refused stage move, the light and the checklist in English on request', async () => {
    const created = await t.call('POST', '/api/projects', { cookie: officer, body: { name: '语言测试项目', regionCode: '650109' } });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json<{ id: string; version: number }>();
    const at = new Date(`${shiftDate(todayInShanghai(), -61)}T12:00:00+08:00`).toISOString();
    await t.database.db.execute(sql`update projects set last_progress_at = ${at} where id = ${id}`);

    const zh = (await t.call('GET', `/api/projects/${id}`, { cookie: officer })).json<ProjectDetail>();
    const en = (await t.call('GET', `/api/projects/${id}`, { cookie: officer, headers: EN })).json<ProjectDetail>();
    expect(zh.lightReasons).toEqual(['已 61 天无进展（≥ 60 天为黄灯）']);
    expect(en.lightReasons).toEqual(['No progress for 61 days (yellow at ≥ 60 days)']);
    expect(zh.nextStageChecklist.map((c) => c.message)).toEqual(['在谈项目须填写投资方', '在谈项目须评估落地可能性（高/中/低）', '在谈项目须填写预计落地日期']);
    expect(en.nextStageChecklist).toEqual([
      { id: 'negotiating.investor', field: 'investorName', message: 'A project in negotiation needs an investor' },
      { id: 'negotiating.likelihood', field: 'likelihood', message: 'A project in negotiation needs a likelihood of landing (high/medium/low)' },
      { id: 'negotiating.expectedLanding', field: 'expectedLandingDate', message: 'A project in negotiation needs an expected landing date' },
    ]);
    const list = (await t.call('GET', '/api/projects?pageSize=200', { cookie: officer, headers: EN })).json<{ items: ProjectDetail[] }>();
    expect(list.items.find((p) => p.id === id)?.lightReasons).toEqual(en.lightReasons);

    const move = await t.call('POST', `/api/projects/${id}/stage`, { cookie: officer, headers: EN, body: { to: 'signed', version } });
    expect(move.statusCode).toBe(400);
    const refused = move.json<ErrorBody>();
    expect(refused.error.code).toBe('VALIDATION');
    expect(refused.error.message).toBe(
      'Moving to “Signed” still needs: A project in negotiation needs an investor; A signed project needs a signing date; A signed project needs a signed amount (greater than 0)',
    );
    expect(refused.error.details?.map((d) => d.field)).toEqual(['investorName', 'signedDate', 'signedAmountYuan']);
    for (const d of refused.error.details ?? []) expect(d.message).not.toMatch(CJK);
  });
});

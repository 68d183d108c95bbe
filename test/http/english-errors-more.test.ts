/**
 * More of the server's errors in the reader's language (issue 11, item 11): regions and parks,
 * a project's problems and the working-day calendar answer in English with `Accept-Language: en`,
 * message and details, and keep their Chinese text otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface ErrorBody {
  error: { code: string; message: string; details?: { field?: string; message: string }[] };
}

const EN = { 'accept-language': 'en' };
const CJK = /[\u4e00-\u9fff]/;

describe.each(DATABASE_KINDS)('answers more errors in English on request on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let sysadmin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('en_officer', ['officer'], '650109');
    await t.createAccount('en_sysadmin', ['sysadmin'], '650000');
    officer = await t.login('en_officer');
    sysadmin = await t.login('en_sysadmin');
  });
  afterAll(() => t.close());

  it('refuses a region outside the caller’s scope in either language, details included', async () => {
    const zh = await t.call('GET', '/api/regions/650102', { cookie: officer });
    const en = await t.call('GET', '/api/regions/650102', { cookie: officer, headers: EN });
    expect(zh.statusCode).toBe(404);
    expect(en.statusCode).toBe(404);
    expect(zh.json()).toEqual({
      error: { code: 'NOT_FOUND', message: '地区 650102 不存在或不在您的管辖范围内', details: [{ field: 'code', message: '地区 650102 不存在或不在您的管辖范围内' }] },
    });
    expect(en.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'Region 650102 does not exist or is outside your jurisdiction',
        details: [{ field: 'code', message: 'Region 650102 does not exist or is outside your jurisdiction' }],
      },
    });
  });

  it('explains a refused park in English, with the region’s name as given', async () => {
    const province = (await t.call('GET', '/api/regions/650000', { cookie: sysadmin })).json<{ name: string }>();
    const body = { parentCode: '650000', name: '语言测试园区' };
    const zh = (await t.call('POST', '/api/parks', { cookie: sysadmin, body })).json<ErrorBody>();
    const en = (await t.call('POST', '/api/parks', { cookie: sysadmin, body, headers: EN })).json<ErrorBody>();
    expect(zh.error).toEqual({
      code: 'VALIDATION',
      message: `园区只能设在县区或地市之下，${province.name}（650000）是省级`,
      details: [{ field: 'parentCode', message: '须为县区或地市' }],
    });
    expect(en.error).toEqual({
      code: 'VALIDATION',
      message: `A park can only be set up under a county or a prefecture; ${province.name} (650000) is a province`,
      details: [{ field: 'parentCode', message: 'Must be a county or a prefecture' }],
    });

    const short = (await t.call('POST', '/api/parks', { cookie: sysadmin, body: { parentCode: '650109', name: ' x ' }, headers: EN })).json<ErrorBody>();
    expect(short.error).toEqual({ code: 'VALIDATION', message: 'A park name has 2–60 characters', details: [{ field: 'name', message: '2–60 characters' }] });
  });

  it('answers a missing problem and a missing calendar adjustment in English', async () => {
    const problem = await t.call('PATCH', '/api/problems/00000000-0000-4000-8000-000000000000', { cookie: officer, headers: EN, body: { version: 1 } });
    expect(problem.statusCode).toBe(404);
    expect(problem.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'The problem does not exist or is outside your jurisdiction' } });

    const body = { reason: '测试' };
    const zh = await t.call('DELETE', '/api/calendar/overrides/2026-12-31', { cookie: sysadmin, body });
    const en = await t.call('DELETE', '/api/calendar/overrides/2026-12-31', { cookie: sysadmin, body, headers: EN });
    expect(zh.json()).toEqual({ error: { code: 'NOT_FOUND', message: '2026-12-31 没有补充安排' } });
    expect(en.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'There is no calendar adjustment on 2026-12-31' } });
    expect(en.json<ErrorBody>().error.message).not.toMatch(CJK);
  });
});

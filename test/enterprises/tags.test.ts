/** Enterprise tags: the built-in list plus admin-defined tags, used to validate enterprise edits. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { BUILT_IN_TAGS } from '../../src/domain/enterprise-status';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from './fixtures';

interface Tag {
  name: string;
  builtIn: boolean;
  enterpriseCount: number;
}

describe.each(DATABASE_KINDS)('enterprise tags on %s', (kind) => {
  let t: TestApp;
  let sysadmin: string;
  let officer: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('tg_sys', ['sysadmin'], '650100');
    await t.createAccount('tg_officer', ['officer'], '650109');
    sysadmin = await t.login('tg_sys');
    officer = await t.login('tg_officer');
  });
  afterAll(() => t.close());

  const tags = async (cookie = officer) => ((await t.call('GET', '/api/enterprise-tags', { cookie })).json() as { items: Tag[] }).items;

  it('lists the built-in tags with how many enterprises carry each', async () => {
    await testEnterprise(t.deps, { tags: ['高新技术', '上市'] });
    const list = await tags();
    expect(list.filter((x) => x.builtIn).map((x) => x.name)).toEqual([...BUILT_IN_TAGS]);
    expect(list.find((x) => x.name === '高新技术')?.enterpriseCount).toBe(1);
    expect(list.find((x) => x.name === '独角兽')?.enterpriseCount).toBe(0);
    expect((await tags(sysadmin)).length).toBe(list.length);
  });

  it('lets the system administrator add a tag that edits may then use, and only them', async () => {
    const e = await testEnterprise(t.deps);
    const refused = await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { tags: ['援疆企业'], version: 1 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('援疆企业');
    expect((await t.call('POST', '/api/enterprise-tags', { cookie: officer, body: { name: '援疆企业' } })).statusCode).toBe(403);
    const created = await t.call('POST', '/api/enterprise-tags', { cookie: sysadmin, body: { name: '援疆企业', description: '对口援疆省市的企业' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '援疆企业', builtIn: false, description: '对口援疆省市的企业' });
    expect((await t.call('POST', '/api/enterprise-tags', { cookie: sysadmin, body: { name: '援疆企业' } })).statusCode).toBe(409);
    expect((await t.call('POST', '/api/enterprise-tags', { cookie: sysadmin, body: { name: '上市' } })).statusCode).toBe(409);
    expect((await t.call('POST', '/api/enterprise-tags', { cookie: sysadmin, body: { name: '甲；乙' } })).statusCode).toBe(400);
    const ok = await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { tags: ['援疆企业', '专精特新'], version: 1 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await tags()).find((x) => x.name === '援疆企业')).toMatchObject({ builtIn: false, enterpriseCount: 1 });
    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'enterprise-tag.create'), eq(auditLog.objectId, '援疆企业')));
    expect(audit?.after).toMatchObject({ name: '援疆企业' });
  });

  it('deletes an added tag only when no enterprise carries it; built-in tags stay', async () => {
    const e = await testEnterprise(t.deps);
    await t.call('POST', '/api/enterprise-tags', { cookie: sysadmin, body: { name: '链主企业' } });
    const patched = await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { tags: ['链主企业'], version: 1 } });
    expect(patched.statusCode).toBe(200);
    const inUse = await t.call('DELETE', `/api/enterprise-tags/${encodeURIComponent('链主企业')}`, { cookie: sysadmin });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.message).toContain('仍有 1 家企业');
    expect((await t.call('DELETE', `/api/enterprise-tags/${encodeURIComponent('世界500强')}`, { cookie: sysadmin })).statusCode).toBe(409);
    expect((await t.call('DELETE', `/api/enterprise-tags/${encodeURIComponent('没有这个')}`, { cookie: sysadmin })).statusCode).toBe(404);
    // once removed from the enterprise the tag can go; the enterprise keeps editing fine
    expect((await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { tags: [], version: 2 } })).statusCode).toBe(200);
    expect((await t.call('DELETE', `/api/enterprise-tags/${encodeURIComponent('链主企业')}`, { cookie: sysadmin })).statusCode).toBe(204);
    expect((await tags()).map((x) => x.name)).not.toContain('链主企业');
  });
});

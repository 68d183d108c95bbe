/**
 * The investor portal end to end through the API and the pages (issue 14): publishing and withdrawing a
 * project with its history and audit, only published fields leaving, one 404 for unknown, malformed and
 * unpublished ids, resources found by an industry section over a 小类 code, escaping in the pages, the
 * policy search and the matcher's reasons, and region scope for officers.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/queries/sql-rows';
import { PROJECTS_CSV } from '../activities/fixtures';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const PNG_BASE64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]).toString('base64');

describe.each(DATABASE_KINDS)('investor portal on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let other: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('pt_officer', ['officer'], '650100');
    await t.createAccount('pt_other', ['officer'], '650200');
    officer = await t.login('pt_officer');
    other = await t.login('pt_other');
    const res = await t.call('POST', '/api/imports?kind=projects', { cookie: officer, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } });
    expect(res.statusCode, res.body).toBe(200);
    for (const r of await selectRows<{ code: string; id: string }>(t.database.db, sql`select code, id from projects`)) ids[r.code] = r.id;
  });
  afterAll(() => t.close());

  it('publishes a project with its public fields only, keeps the history, audits, and withdraws it', async () => {
    const office = await t.call('POST', '/api/portal/offices', { cookie: officer, body: { regionCode: '650100', name: '乌鲁木齐市招商服务中心', address: '某路 1 号', phone: '0991-1234567', hours: '工作日 10:00–19:30' } });
    expect(office.statusCode, office.body).toBe(200);
    ids.office = office.json().id;
    const put = await t.call('PUT', `/api/projects/${ids.HDP4}/publication`, {
      cookie: officer,
      body: { publicTitle: '农产品精深加工招商项目', background: '本地番茄、辣椒产量大', market: '面向中亚', conditions: '园区标准厂房可租', investmentScaleYuan: 50_000_000, cooperationMode: '独资或合资', contactOfficeId: ids.office },
    });
    expect(put.statusCode, put.body).toBe(200);
    const state = put.json();
    expect(state.current.version).toBe(1);
    expect(state.history).toHaveLength(1);
    // the preview is exactly the public answer
    const pub = await t.call('GET', `/api/public/projects/${ids.HDP4}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toEqual(state.preview);
    expect(Object.keys(pub.json()).sort()).toEqual(
      ['background', 'chainNodeCode', 'conditions', 'cooperationMode', 'id', 'industryCode', 'industryName', 'investmentScaleYuan', 'market', 'office', 'publicTitle', 'publishedAt', 'regionCode', 'regionName'].sort(),
    );
    // the project's own name and investor never leave
    expect(pub.body).not.toContain('农产品加工项目');
    expect(pub.body).not.toContain('某食品公司');
    expect(pub.json().office).toEqual({ id: ids.office, regionCode: '650100', regionName: '乌鲁木齐市', name: '乌鲁木齐市招商服务中心', address: '某路 1 号', phone: '0991-1234567', hours: '工作日 10:00–19:30', email: null });
    // changing what is published needs the version
    const stale = await t.call('PUT', `/api/projects/${ids.HDP4}/publication`, { cookie: officer, body: { publicTitle: '新标题' } });
    expect(stale.statusCode).toBe(409);
    const changed = await t.call('PUT', `/api/projects/${ids.HDP4}/publication`, { cookie: officer, body: { publicTitle: '新标题', version: 1 } });
    expect(changed.json().current.publicTitle).toBe('新标题');
    expect(changed.json().history).toHaveLength(1);
    // withdrawn: the same 404 as an unknown id
    const withdrawn = await t.call('POST', `/api/projects/${ids.HDP4}/publication/withdraw`, { cookie: officer, body: { version: 2, reason: '项目已洽谈' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().current).toBeNull();
    expect(withdrawn.json().history[0].withdrawnAt).not.toBeNull();
    const gone = await t.call('GET', `/api/public/projects/${ids.HDP4}`);
    const unknown = await t.call('GET', '/api/public/projects/00000000-0000-4000-8000-000000000000');
    const malformed = await t.call('GET', '/api/public/projects/abc');
    const unpublished = await t.call('GET', `/api/public/projects/${ids.HDP5}`);
    for (const r of [gone, unknown, malformed, unpublished]) {
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe(unknown.body);
    }
    // the admin list: off the published list, on the withdrawn one with who and when (another prefecture sees none)
    const adminList = async (query: string, cookie = officer) => {
      const res = await t.call('GET', `/api/portal/publications${query}`, { cookie });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { projectId: string; publicTitle: string; withdrawnAt: string | null; withdrawnBy: string | null }[];
    };
    expect((await adminList('')).map((i) => i.projectId)).not.toContain(ids.HDP4);
    const withdrawnList = await adminList('?status=withdrawn');
    expect(withdrawnList.map((i) => i.projectId)).toEqual([ids.HDP4]);
    expect(withdrawnList[0]).toMatchObject({ publicTitle: '新标题', withdrawnBy: 'pt_officer', withdrawnAt: withdrawn.json().history[0].withdrawnAt });
    expect(await adminList('?status=withdrawn', other)).toEqual([]);
    // republishing starts from the withdrawn fields (the PUT with a title alone left the others empty)
    const off = (await t.call('GET', `/api/projects/${ids.HDP4}/publication`, { cookie: officer })).json();
    expect(off.lastWithdrawn).toEqual({ publicTitle: '新标题', background: '', market: '', conditions: '', investmentScaleYuan: null, cooperationMode: '', contactOfficeId: null, withdrawnAt: withdrawn.json().history[0].withdrawnAt });
    expect(changed.json().lastWithdrawn).toBeNull();
    expect((await t.call('GET', '/api/portal/publications?status=gone', { cookie: officer })).statusCode).toBe(400);
    // published again: a second publication in the history
    const again = await t.call('PUT', `/api/projects/${ids.HDP4}/publication`, { cookie: officer, body: { publicTitle: '农产品精深加工招商项目' } });
    expect(again.json().history).toHaveLength(2);
    // republished: back on the published list, off the withdrawn one
    expect((await adminList('')).map((i) => i.projectId)).toContain(ids.HDP4);
    expect(await adminList('?status=withdrawn')).toEqual([]);
    const audit = await selectRows<{ action: string }>(t.database.db, sql`select action from audit_log where object_id = ${ids.HDP4} and action like 'portal.%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['portal.publish', 'portal.publication.update', 'portal.withdraw', 'portal.publish']);
    const list = await t.call('GET', '/api/public/projects?region=650109');
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([ids.HDP4]);
    expect((await t.call('GET', '/api/public/projects?region=650102')).json().total).toBe(0);
    // another prefecture's officer: not found, and audited as out of scope
    expect((await t.call('GET', `/api/projects/${ids.HDP4}/publication`, { cookie: other })).statusCode).toBe(404);
  });

  it('finds a resource coded with a 小类 by its 门类 and 大类, and shows it escaped', async () => {
    const create = await t.call('POST', '/api/portal/resources', {
      cookie: officer,
      body: { kind: 'standardFactory', regionCode: '650109', name: '<script>alert(1)</script>米东厂房', areaSqm: 5000, priceYuan: 12, priceUnit: 'perSqmMonth', utilities: ['water', 'power'], suitableIndustryCodes: ['1311'], contactOfficeId: ids.office, published: true },
    });
    expect(create.statusCode, create.body).toBe(200);
    const id = create.json().id as string;
    ids.resource = id;
    expect(create.json().suitableIndustries).toEqual([{ code: '1311', name: '稻谷加工' }]);
    const found = async (query: string) => (await t.call('GET', `/api/public/resources?${query}`)).json().items.map((r: { id: string }) => r.id);
    expect(await found('industry=C')).toEqual([id]);
    expect(await found('industry=13')).toEqual([id]);
    expect(await found('industry=1311')).toEqual([id]);
    expect(await found('industry=F')).toEqual([]);
    expect(await found('areaMin=5000&areaMax=5000&kind=standardFactory')).toEqual([id]);
    expect(await found('areaMin=5001')).toEqual([]);
    // unknown codes are refused with the field named
    const bad = await t.call('POST', '/api/portal/resources', { cookie: officer, body: { kind: 'land', regionCode: '650109', name: '地块', suitableIndustryCodes: ['9999'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('9999');
    // a price without its unit
    const noUnit = await t.call('POST', '/api/portal/resources', { cookie: officer, body: { kind: 'land', regionCode: '650109', name: '地块', priceYuan: 100 } });
    expect(noUnit.statusCode).toBe(400);
    // photos: images only
    const pdf = await t.call('POST', `/api/portal/resources/${id}/photos`, { cookie: officer, body: { fileName: 'a.pdf', contentBase64: Buffer.from('%PDF-1.4\n').toString('base64') } });
    expect(pdf.statusCode).toBe(400);
    const png = await t.call('POST', `/api/portal/resources/${id}/photos`, { cookie: officer, body: { fileName: '厂房.png', contentBase64: PNG_BASE64, caption: '厂房外景' } });
    expect(png.statusCode, png.body).toBe(200);
    const photoUrl = (await t.call('GET', `/api/public/resources/${id}`)).json().photos[0].url as string;
    const photo = await t.call('GET', photoUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    // the pages: found by 制造业 in the filter form, the detail escaped, no script anywhere
    const listPage = await t.call('GET', '/portal/resources?industry=C&kind=&region=');
    expect(listPage.statusCode).toBe(200);
    expect(listPage.headers['content-type']).toContain('text/html');
    expect(listPage.body).toContain(`/portal/resources/${id}`);
    expect(listPage.body).not.toContain('<script>');
    const detail = await t.call('GET', `/portal/resources/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;米东厂房');
    expect(detail.body).not.toContain('<script');
    expect(detail.body).toContain(`/portal/inquiry?subject=resource:${id}`);
    expect(detail.body).toContain('12 元/㎡·月');
    expect(detail.body).toContain('乌鲁木齐市招商服务中心');
    // unpublished: the same 404 page as an unknown one
    await t.call('PATCH', `/api/portal/resources/${id}`, { cookie: officer, body: { version: 1, published: false } });
    const hidden = await t.call('GET', `/portal/resources/${id}`);
    const nothing = await t.call('GET', '/portal/resources/nothing');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(nothing.body);
    expect((await t.call('GET', photoUrl)).statusCode).toBe(404);
    // another prefecture's officer cannot see it
    expect((await t.call('GET', `/api/portal/resources/${id}`, { cookie: other })).statusCode).toBe(404);
  });

  it('searches policy items in Chinese and matches them to a company with the reasons', async () => {
    // the source link is shown on the portal: only http(s), never a javascript: or data: URL
    for (const sourceUrl of ['javascript:alert(1)', 'data:text/html,x']) {
      const refused = await t.call('POST', '/api/portal/policies', { cookie: officer, body: { regionCode: '650100', title: '链接测试', issuingBody: '测试', sourceUrl } });
      expect(refused.statusCode, sourceUrl).toBe(400);
      expect(refused.json().error.details[0].field, sourceUrl).toBe('sourceUrl');
    }
    const policy = await t.call('POST', '/api/portal/policies', { cookie: officer, body: { regionCode: '650100', title: '乌鲁木齐市促进制造业高质量发展若干措施', issuingBody: '乌鲁木齐市人民政府', documentNumber: '乌政办〔2026〕1号', isDemo: true } });
    expect(policy.statusCode, policy.body).toBe(200);
    const pid = policy.json().id as string;
    const item = (body: object) => t.call('POST', `/api/portal/policies/${pid}/items`, { cookie: officer, body });
    await item({ title: '标准厂房租金补贴', industryCodes: ['C'], enterpriseSizes: ['small', 'micro'], benefit: '入驻标准厂房的前三年租金全额补贴', published: true });
    await item({ title: '物流企业运费补助', industryCodes: ['G'], benefit: '按运费的 10% 补助', published: true });
    await item({ title: '米东区粮食加工奖励', industryCodes: ['131'], regionCodes: ['650109'], benefit: '设备投资额 5% 奖励', published: true });
    const draft = await item({ title: '未发布的厂房条款', benefit: '厂房', published: false });
    expect(draft.json().items).toHaveLength(4);
    const outside = await item({ title: '克拉玛依条款', regionCodes: ['650203'], benefit: '补助' });
    expect(outside.statusCode).toBe(400);

    const search = async (q: string) => (await t.call('GET', `/api/public/policy-items?q=${encodeURIComponent(q)}`)).json().items.map((i: { title: string }) => i.title);
    expect(await search('厂房')).toEqual(['标准厂房租金补贴']);
    expect(await search('租金补贴')).toEqual(['标准厂房租金补贴']);
    expect(await search('运费')).toEqual(['物流企业运费补助']);
    expect((await search('制造业')).sort()).toEqual(['标准厂房租金补贴', '物流企业运费补助', '米东区粮食加工奖励'].sort());

    const match = await t.call('GET', '/api/public/policy-match?industry=1311&size=small&region=650109');
    expect(match.statusCode, match.body).toBe(200);
    const got = match.json().items.map((m: { item: { title: string }; reasons: string[] }) => [m.item.title, m.reasons]);
    expect(got).toEqual([
      ['标准厂房租金补贴', ['行业符合：条款面向制造业（C）', '企业规模符合：小型企业', '地区符合：适用于乌鲁木齐市', '长期有效']],
      ['米东区粮食加工奖励', ['行业符合：条款面向谷物磨制（131）', '不限企业规模', '地区符合：适用于米东区', '长期有效']],
    ]);
    // a large company in 天山区: neither the size nor the region fits
    const none = await t.call('GET', '/api/public/policy-match?industry=1311&size=large&region=650102');
    expect(none.json().items).toEqual([]);
    const unknownIndustry = await t.call('GET', '/api/public/policy-match?industry=9999&size=large&region=650102');
    expect(unknownIndustry.statusCode).toBe(400);

    const page = await t.call('GET', '/portal/policies?industry=1311&size=small&region=650109');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('行业符合：条款面向制造业（C）');
    expect(page.body).toContain('演示数据');
  });

  it('renders every portal page without script, and the 404 page for unknown paths', async () => {
    for (const path of ['/portal', '/portal/projects', '/portal/resources', '/portal/policies', '/portal/offices', `/portal/projects/${ids.HDP4}`]) {
      const res = await t.call('GET', path);
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).toContain('<html lang="zh-CN">');
      expect(res.body, path).not.toContain('<script');
    }
    expect((await t.call('GET', '/portal/no-such-page')).statusCode).toBe(404);
    const bad = await t.call('GET', '/portal/resources?areaMin=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('areaMin');
  });
});

describe('the public side’s limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { YINFENG_PUBLIC_RATE_LIMIT: '3', YINFENG_PUBLIC_BODY_MAX_KB: '1' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After and a Chinese message past the limit, per address', async () => {
    for (let i = 0; i < 3; i++) expect((await t.call('GET', '/api/public/offices')).statusCode).toBe(200);
    const refused = await t.call('GET', '/portal/offices');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.message).toMatch(/^访问过于频繁，请 \d+ 秒后再试$/);
    // another address still gets in; internal routes are not limited
    expect((await t.app.inject({ method: 'GET', url: '/api/public/offices', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
  });

  it('refuses a public body over the limit with 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/public/anything', remoteAddress: '10.0.0.3', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'x'.repeat(2000) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe('提交的内容过大（上限 1 KB）');
  });
});

describe('the public side’s short cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { YINFENG_PUBLIC_CACHE_SECONDS: '1' });
  });
  afterAll(() => t.close());

  const addOffice = (name: string) =>
    t.database.db.execute(sql`insert into region_contact_offices (region_code, name, address, phone) values ('650109', ${name}, '米东区政务中心', '0991-1234567')`);

  it('answers the same public read from memory for its seconds, then reads again; never a tracking page or a 404', async () => {
    await addOffice('缓存测试窗口甲');
    const first = await t.call('GET', '/api/public/offices');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-yinfeng-cache']).toBeUndefined();
    expect(first.body).toContain('缓存测试窗口甲');
    await addOffice('缓存测试窗口乙');
    const again = await t.call('GET', '/api/public/offices');
    expect(again.headers['x-yinfeng-cache']).toBe('hit');
    expect(again.body).toBe(first.body); // the new office is not there yet
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    // another query, another language: their own entries
    expect((await t.call('GET', '/api/public/offices?x=1')).headers['x-yinfeng-cache']).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/public/offices', headers: { 'accept-language': 'en' } })).headers['x-yinfeng-cache']).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = await t.call('GET', '/api/public/offices');
    expect(fresh.headers['x-yinfeng-cache']).toBeUndefined();
    expect(fresh.body).toContain('缓存测试窗口乙');
    // portal pages are kept too; tracking numbers and refusals never
    await t.call('GET', '/portal/offices');
    expect((await t.call('GET', '/portal/offices')).headers['x-yinfeng-cache']).toBe('hit');
    for (const url of ['/api/public/tracking/ABCD-EFGH-JKLM-NPQR', '/api/public/projects/00000000-0000-0000-0000-000000000000']) {
      await t.call('GET', url);
      const second = await t.call('GET', url);
      expect(second.statusCode, url).toBe(404);
      expect(second.headers['x-yinfeng-cache'], url).toBeUndefined();
    }
  });
});

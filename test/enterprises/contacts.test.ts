/** Contacts: masking, audited reveal and export, region scope, and "already in contact" upkeep. */
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises } from '../../src/db/schema/index';
import { addContact } from '../../src/services/enterprises/enterprise-contacts';
import { updateProject } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { projectWithInvestor, system, testContact, testEnterprise } from './fixtures';

interface Contact {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  notes: string | null;
  regionCode: string;
  version: number;
  masked: boolean;
}

describe.each(DATABASE_KINDS)('enterprise contacts on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(kind);
    const accounts: [string, string, string][] = [
      ['officer', 'officer', '650109'],
      ['sibling', 'officer', '650102'],
      ['leader', 'leader', '650100'],
      ['countyLeader', 'leader', '650109'],
      ['analyst', 'analyst', '650100'],
      ['statistician', 'statistician', '650109'],
      ['reviewer', 'reviewer', '650100'],
    ];
    for (const [name, role, region] of accounts) {
      await t.createAccount(`ct_${name}`, [role], region);
      cookies[name] = await t.login(`ct_${name}`);
    }
  });
  afterAll(() => t.close());

  const regionCodesOf = async (id: string) => (await t.deps.db.select({ c: enterprises.contactRegionCodes }).from(enterprises).where(eq(enterprises.id, id)))[0]?.c;
  const auditsOf = async (action: string, objectId: string) =>
    t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.objectId, objectId))).orderBy(desc(auditLog.id));

  it('adds a contact in the caller region, shows it masked everywhere, and audits masked values only', async () => {
    const e = await testEnterprise(t.deps);
    const res = await t.call('POST', `/api/enterprises/${e.key}/contacts`, {
      cookie: cookies.officer,
      body: { name: '王小明', title: '投资总监', phone: '13912345678', email: 'wang.xm@corp.cn', notes: '秘书电话 0991-2345678' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as Contact;
    expect(c).toMatchObject({ name: '王**', phone: '139****5678', email: 'w***@corp.cn', notes: '秘书电话 0991-***5678', regionCode: '650109', masked: true });
    const list = (await t.call('GET', `/api/enterprises/${e.key}/contacts`, { cookie: cookies.officer })).json() as { items: Contact[] };
    expect(list.items).toEqual([expect.objectContaining({ id: c.id, name: '王**', phone: '139****5678' })]);
    const [audit] = await auditsOf('contact.create', c.id);
    expect(audit?.regionCode).toBe('650109');
    const text = JSON.stringify(audit);
    for (const plain of ['王小明', '13912345678', 'wang.xm@corp.cn', '2345678']) expect(text).not.toContain(plain);
    expect(text).toContain('139****5678');
  });

  it('reveals to officers and leaders in scope, audited without the values; refuses other roles (403) and other counties (404)', async () => {
    const e = await testEnterprise(t.deps);
    const c = await testContact(t.deps, e.key, '650109', { name: '赵敏', phone: '13700001111', email: 'zhao@x.cn' });
    for (const who of ['officer', 'leader', 'countyLeader']) {
      const res = await t.call('POST', `/api/contacts/${c.id}/reveal`, { cookie: cookies[who], body: { reason: '电话联系' } });
      expect(res.statusCode, who).toBe(200);
      expect(res.json()).toMatchObject({ id: c.id, name: '赵敏', phone: '13700001111', email: 'zhao@x.cn', masked: false });
    }
    const audits = await auditsOf('contact.reveal', c.id);
    expect(audits).toHaveLength(3);
    for (const a of audits) {
      expect(a.regionCode).toBe('650109');
      expect(a.after).toMatchObject({ enterpriseId: e.id, enterpriseName: e.name, contact: '赵*', fields: ['name', 'phone', 'email'] });
      expect(a.reason).toBe('电话联系');
      const text = JSON.stringify(a);
      expect(text).not.toContain('13700001111');
      expect(text).not.toContain('赵敏');
      expect(text).not.toContain('zhao@x.cn');
    }
    for (const who of ['analyst', 'statistician', 'reviewer']) {
      expect((await t.call('POST', `/api/contacts/${c.id}/reveal`, { cookie: cookies[who], body: {} })).statusCode, who).toBe(403);
    }
    const out = await t.call('POST', `/api/contacts/${c.id}/reveal`, { cookie: cookies.sibling, body: {} });
    expect(out.statusCode).toBe(404);
    expect(JSON.stringify(out.json())).not.toContain('13700001111');
    expect(await auditsOf('contact.reveal', c.id)).toHaveLength(3);
    const denied = await auditsOf('access.denied', c.id);
    expect(denied).toHaveLength(1);
  });

  it('keeps contacts of a sibling county out of reach: not listed, not editable, not deletable (404)', async () => {
    const e = await testEnterprise(t.deps);
    const theirs = await testContact(t.deps, e.key, '650102');
    const list = (await t.call('GET', `/api/enterprises/${e.key}/contacts`, { cookie: cookies.officer })).json() as { items: Contact[] };
    expect(list.items).toEqual([]);
    expect((await t.call('PATCH', `/api/contacts/${theirs.id}`, { cookie: cookies.officer, body: { title: '改', version: 1 } })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/contacts/${theirs.id}`, { cookie: cookies.officer, body: {} })).statusCode).toBe(404);
    // nor can a contact be placed in, or moved to, the sibling county
    expect((await t.call('POST', `/api/enterprises/${e.key}/contacts`, { cookie: cookies.officer, body: { name: '钱七', regionCode: '650102' } })).statusCode).toBe(404);
    const mine = await testContact(t.deps, e.key, '650109');
    expect((await t.call('PATCH', `/api/contacts/${mine.id}`, { cookie: cookies.officer, body: { regionCode: '650102', version: 1 } })).statusCode).toBe(404);
    // a park of the own county is fine
    const park = await createPark(t.deps, system(), { parentCode: '650109', name: `联系人测试园区${e.id.slice(0, 4)}` });
    const moved = await t.call('PATCH', `/api/contacts/${mine.id}`, { cookie: cookies.officer, body: { regionCode: park.code, version: 1 } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await regionCodesOf(e.id)).toEqual(['650102', park.code]);
  });

  it('edits with optimistic locking, validates phone and e-mail, and audits masked before/after', async () => {
    const e = await testEnterprise(t.deps);
    const c = await testContact(t.deps, e.key, '650109');
    const bad = await t.call('PATCH', `/api/contacts/${c.id}`, { cookie: cookies.officer, body: { phone: '电话不详', version: 1 } });
    expect(bad.statusCode).toBe(400);
    expect((await t.call('PATCH', `/api/contacts/${c.id}`, { cookie: cookies.officer, body: { email: 'not-an-email', version: 1 } })).statusCode).toBe(400);
    const ok = await t.call('PATCH', `/api/contacts/${c.id}`, { cookie: cookies.officer, body: { phone: '13600002222', version: 1 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '136****2222', version: 2 });
    expect((await t.call('PATCH', `/api/contacts/${c.id}`, { cookie: cookies.officer, body: { title: '董事长', version: 1 } })).statusCode).toBe(409);
    const [audit] = await auditsOf('contact.update', c.id);
    expect(audit?.before).toMatchObject({ phone: '138****5678' });
    expect(audit?.after).toMatchObject({ phone: '136****2222' });
    expect(JSON.stringify(audit)).not.toContain('13600002222');
    expect((await t.call('PATCH', `/api/contacts/${c.id}`, { cookie: cookies.analyst, body: { title: '董事长', version: 2 } })).statusCode).toBe(200);
    expect((await t.call('PATCH', `/api/contacts/${c.id}`, { cookie: cookies.leader, body: { title: '董事长', version: 3 } })).statusCode).toBe(403);
  });

  it('lets a role without reveal (analyst) keep, replace or clear phone and e-mail without seeing them: masked values are never written back', async () => {
    const e = await testEnterprise(t.deps);
    const c = await addContact(t.deps, system(), e.key, { name: '张三丰', title: '总经理', phone: '13812345678', email: 'zhang@example.com', notes: '秘书 13900001111', regionCode: '650109' });
    const real = async () => (await t.call('POST', `/api/contacts/${c.id}/reveal`, { cookie: cookies.officer, body: {} })).json() as Contact & { title: string | null };
    const patch = (body: Record<string, unknown>) => t.call('PATCH', `/api/contacts/${c.id}`, { cookie: cookies.analyst, body });
    const shown = ((await t.call('GET', `/api/enterprises/${e.key}/contacts`, { cookie: cookies.analyst })).json() as { items: (Contact & { title: string | null })[] }).items[0];
    expect(shown).toMatchObject({ name: '张**', phone: '138****5678', email: 'z***@example.com', notes: '秘书 139****1111' });
    if (!shown) throw new Error('no contact');

    // an unchanged form: the personal fields are left out; the real values stay
    const unchanged = await patch({ title: '总经理', version: 1 });
    expect(unchanged.statusCode, unchanged.body).toBe(200);
    expect(await real()).toMatchObject({ name: '张三丰', phone: '13812345678', email: 'zhang@example.com', notes: '秘书 13900001111' });
    // a client that sends back what the page shows changes nothing either (only the title here)
    const echo = await patch({ name: shown.name, phone: shown.phone, email: shown.email, notes: shown.notes, title: '董事长', version: 2 });
    expect(echo.statusCode, echo.body).toBe(200);
    expect(await real()).toMatchObject({ name: '张三丰', title: '董事长', phone: '13812345678', email: 'zhang@example.com', notes: '秘书 13900001111' });

    // other masked-looking values, or notes edited around a masked number, are refused with the field named
    const maskedPhone = await patch({ phone: '139****0000', version: 3 });
    expect(maskedPhone.statusCode).toBe(400);
    expect(maskedPhone.json().error.message).toContain('电话含 *，是脱敏后的显示值，不能保存');
    const maskedEmail = await patch({ email: 'a***@example.com', version: 3 });
    expect(maskedEmail.statusCode).toBe(400);
    expect(maskedEmail.json().error.details).toEqual([expect.objectContaining({ field: 'email' })]);
    const editedNotes = await patch({ notes: `${shown.notes ?? ''}，周一联系`, version: 3 });
    expect(editedNotes.statusCode).toBe(400);
    expect(editedNotes.json().error.message).toContain('备注中含脱敏后的电话或邮箱（139****1111）');
    expect((await patch({ name: null, version: 3 })).statusCode).toBe(400);
    expect(await real()).toMatchObject({ phone: '13812345678', email: 'zhang@example.com', notes: '秘书 13900001111' });

    // replace the phone, clear the e-mail and the notes: written, and audited with masked values only
    const replaced = await patch({ phone: '13600002222', version: 3 });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ phone: '136****2222', email: 'z***@example.com', version: 4 });
    const cleared = await patch({ email: null, notes: null, version: 4 });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ phone: '136****2222', email: null, notes: null, version: 5 });
    expect(await real()).toMatchObject({ name: '张三丰', phone: '13600002222', email: null, notes: null });
    const [clearAudit, replaceAudit] = await auditsOf('contact.update', c.id);
    expect(replaceAudit?.before).toMatchObject({ phone: '138****5678', email: 'z***@example.com' });
    expect(replaceAudit?.after).toMatchObject({ phone: '136****2222', email: 'z***@example.com' });
    expect(clearAudit?.before).toMatchObject({ phone: '136****2222', email: 'z***@example.com', notes: '秘书 139****1111' });
    expect(clearAudit?.after).toMatchObject({ phone: '136****2222', email: null, notes: null });
    expect(clearAudit?.actorId).toBe(replaceAudit?.actorId);
    const trail = JSON.stringify(await auditsOf('contact.update', c.id));
    for (const plain of ['13812345678', '13600002222', 'zhang@example.com', '13900001111']) expect(trail).not.toContain(plain);
  });

  it('exports full values with contacts.export only, audited with the row count; deleted contacts are gone', async () => {
    const e = await testEnterprise(t.deps);
    const keep = await addContact(t.deps, system(), e.key, { name: '孙悟空', title: '=HYPERLINK("http://x")', phone: '+86 138 0000 1111', email: 'sun@example.com', regionCode: '650109' });
    const gone = await testContact(t.deps, e.key, '650109', { name: '猪八戒', phone: '13800000000' });
    await testContact(t.deps, e.key, '650102', { name: '沙和尚', phone: '13900000000' });
    const del = await t.call('DELETE', `/api/contacts/${gone.id}`, { cookie: cookies.officer, body: { reason: '已离职' } });
    expect(del.statusCode).toBe(204);
    const [delAudit] = await auditsOf('contact.delete', gone.id);
    expect(delAudit?.reason).toBe('已离职');
    expect(JSON.stringify(delAudit)).not.toContain('猪八戒');

    for (const who of ['leader', 'analyst', 'statistician']) {
      expect((await t.call('GET', `/api/contacts/export?enterprise=${e.key}`, { cookie: cookies[who] })).statusCode, who).toBe(403);
    }
    expect((await t.call('GET', '/api/contacts/export?region=650102', { cookie: cookies.officer })).statusCode).toBe(404);
    const res = await t.call('GET', `/api/contacts/export?enterprise=${e.key}`, { cookie: cookies.officer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('联系人');
    const rows: string[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]?.slice(0, 6)).toEqual(['企业名称', '统一社会信用代码', '姓名', '职务', '电话', '邮箱']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['孙悟空']);
    expect(rows[1]?.[1]).toBe(e.creditCode);
    expect(rows[1]?.[3]).toBe('\'=HYPERLINK("http://x")');
    expect(rows[1]?.[4]).toBe("'+86 138 0000 1111");
    expect(rows[1]?.[5]).toBe('sun@example.com');
    const [audit] = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'contact.export')).orderBy(desc(auditLog.id)).limit(1);
    expect(audit?.after).toMatchObject({ rowCount: 1, enterpriseId: e.id });
    expect(audit?.objectId).toBe(e.id);
    expect(JSON.stringify(audit)).not.toContain('孙悟空');
    expect(keep.id).toBeTruthy();
  });

  it('counts a region "in contact" while it holds a contact or a project of the enterprise, and not after', async () => {
    const e = await testEnterprise(t.deps);
    expect(await regionCodesOf(e.id)).toEqual([]);
    const c1 = await testContact(t.deps, e.key, '650109');
    const c2 = await testContact(t.deps, e.key, '650109');
    expect(await regionCodesOf(e.id)).toEqual(['650109']);
    const p = await projectWithInvestor(t.deps, '650102', e.name, e.creditCode);
    expect(await regionCodesOf(e.id)).toEqual(['650102', '650109']);
    const d1 = await t.call('DELETE', `/api/contacts/${c1.id}`, { cookie: cookies.officer });
    expect(d1.statusCode, d1.body).toBe(204);
    expect(await regionCodesOf(e.id)).toEqual(['650102', '650109']);
    await t.call('DELETE', `/api/contacts/${c2.id}`, { cookie: cookies.officer });
    expect(await regionCodesOf(e.id)).toEqual(['650102']);
    // the project moves to another county, then names another investor
    const moved = await updateProject(t.deps, system(), p.id, { regionCode: '650103', version: p.version });
    expect(await regionCodesOf(e.id)).toEqual(['650103']);
    const other = await testEnterprise(t.deps);
    await updateProject(t.deps, system(), p.id, { investorName: other.name, investorCreditCode: other.creditCode, version: moved.version });
    expect(await regionCodesOf(e.id)).toEqual([]);
    expect(await regionCodesOf(other.id)).toEqual(['650103']);
  });
});

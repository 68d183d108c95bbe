/**
 * The portal's inquiry, complaint and tracking pages (issue 14 items 2–3): the form pre-filled from
 * `?subject=` with the subject's public title escaped, the consent notice and its version, a form post
 * filing and redirecting, the tracking page showing the office's answer by the number alone, and one
 * and the same 404 page for an unknown and a malformed number.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/queries/sql-rows';
import { inquiries } from '../../src/db/schema/index';
import { CONSENT_NOTICE_VERSION } from '../../src/domain/inquiries/consent-notice';
import { normalizeTrackingNumber } from '../../src/domain/inquiries/tracking-number';
import { PROJECTS_CSV } from '../activities/fixtures';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

describe.each(DATABASE_KINDS)('portal inquiry pages on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let projectId = '';
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('ip_officer', ['officer'], '650100');
    officer = await t.login('ip_officer');
    const res = await t.call('POST', '/api/imports?kind=projects', { cookie: officer, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await selectRows<{ id: string }>(t.database.db, sql`select id from projects where code = 'HDP4'`);
    projectId = row?.id ?? '';
    const put = await t.call('PUT', `/api/projects/${projectId}/publication`, { cookie: officer, body: { publicTitle: '番茄<script>alert(1)</script>加工项目', background: '本地番茄产量大' } });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(() => t.close());

  it('renders the inquiry form about a project by its escaped public title, with the consent notice and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/portal/inquiry?subject=project:${projectId}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('番茄&lt;script&gt;alert(1)&lt;/script&gt;加工项目');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('action="/api/public/inquiries"');
    expect(res.body).toContain(`name="subjectId" value="${projectId}"`);
    expect(res.body).toContain('<option value="projectInterest" selected>');
    expect(res.body).toContain(`name="consentVersion" value="${CONSENT_NOTICE_VERSION}"`);
    expect(res.body).toMatch(/type="checkbox" name="consent" value="true" required/);
    const complaint = await t.app.inject({ method: 'GET', url: '/portal/complaint' });
    expect(complaint.statusCode).toBe(200);
    expect(complaint.body).toContain('action="/api/public/complaints"');
    expect(complaint.body).toContain('<option value="departmentAction" selected>');
    expect((await t.app.inject({ method: 'GET', url: '/portal/inquiry?subject=project:00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/portal/inquiry?subject=nonsense' })).statusCode).toBe(400);
  });

  it('files by a form post, redirects to the tracking page, and shows the answer by the number alone', async () => {
    const form = new URLSearchParams({ type: 'projectInterest', subjectType: 'project', subjectId: projectId, name: '王五', phone: '13800005678', content: '想了解该项目的用地与合作方式', consent: 'true', consentVersion: CONSENT_NOTICE_VERSION });
    const posted = await t.app.inject({ method: 'POST', url: '/api/public/inquiries', remoteAddress: '10.9.0.1', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    expect(posted.statusCode, posted.body).toBe(303);
    const location = String(posted.headers.location);
    const number = location.replace('/portal/tracking/', '');
    const before = await t.app.inject({ method: 'GET', url: location });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('已收到');
    expect(before.body).toContain('窗口尚未答复');
    expect(before.body).not.toContain('13800005678');
    expect(before.body).not.toContain('王五');

    const [row] = await t.deps.db.select().from(inquiries).where(eq(inquiries.trackingNumber, normalizeTrackingNumber(number) ?? ''));
    if (!row) throw new Error('no row');
    const step = (s: string, body: Record<string, unknown>) => t.call('POST', `/api/inquiries/${row.id}/${s}`, { cookie: officer, body });
    const accepted = (await step('accept', { version: 1 })).json() as { version: number };
    const answered = await step('answer', { version: accepted.version, text: '该项目可提供标准厂房，欢迎来电<b>洽谈</b>。', close: true });
    expect(answered.statusCode, answered.body).toBe(200);

    const after = await t.app.inject({ method: 'GET', url: `/portal/tracking/${number.toLowerCase().replace(/-/g, '')}` });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('已办结');
    expect(after.body).toContain('该项目可提供标准厂房，欢迎来电&lt;b&gt;洽谈&lt;/b&gt;。');
    expect(after.body).toContain(`action="/api/public/tracking/${number}/rating"`);
    expect(after.body).not.toContain('/reopen"'); // an inquiry cannot be reopened by the investor

    const lookup = await t.app.inject({ method: 'GET', url: `/portal/tracking?number=${encodeURIComponent(number)}` });
    expect(lookup.statusCode).toBe(303);
    expect(lookup.headers.location).toBe(`/portal/tracking/${number}`);
  });

  it('answers a refused form post with the form again, re-filled and naming the field in Chinese; JSON posts keep JSON', async () => {
    const post = (payload: string, contentType: string) =>
      t.app.inject({ method: 'POST', url: '/api/public/inquiries', remoteAddress: '10.9.0.2', headers: { origin: 'http://localhost', 'content-type': contentType }, payload });
    const noConsent = new URLSearchParams({ type: 'projectInterest', subjectType: 'project', subjectId: projectId, name: '赵六<i>', phone: '13800001111', content: '想来考察', consentVersion: CONSENT_NOTICE_VERSION });
    const refused = await post(noConsent.toString(), 'application/x-www-form-urlencoded');
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.body).toContain('提交未成功：同意个人信息处理告知：');
    expect(refused.body).toContain('value="赵六&lt;i&gt;"');
    expect(refused.body).toContain('>想来考察</textarea>');
    expect(refused.body).toContain('番茄&lt;script&gt;alert(1)&lt;/script&gt;加工项目');
    const noPhone = new URLSearchParams({ type: 'general', name: '赵六', content: '想来考察', consent: 'true', consentVersion: CONSENT_NOTICE_VERSION });
    const refusedPhone = await post(noPhone.toString(), 'application/x-www-form-urlencoded');
    expect(refusedPhone.statusCode).toBe(400);
    expect(refusedPhone.body).toContain('提交未成功：手机：');
    expect(refusedPhone.body).toMatch(/name="consent" value="true" required checked/);
    const json = await post(JSON.stringify({ type: 'general', name: '赵六', phone: '13800001111', content: '想来考察', consent: false, consentVersion: CONSENT_NOTICE_VERSION }), 'application/json');
    expect(json.statusCode).toBe(400);
    expect(json.json().error.details[0].field).toBe('consent');
    expect(await t.deps.db.select().from(inquiries).where(eq(inquiries.content, '想来考察'))).toHaveLength(0);
  });

  it('answers an unknown and a malformed number with the same not-found page', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/portal/tracking/0000-0000-0000-0000-0' });
    const malformed = await t.app.inject({ method: 'GET', url: '/portal/tracking/%3Cscript%3E' });
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(malformed.body).toBe(unknown.body);
    const blank = await t.app.inject({ method: 'GET', url: '/portal/tracking' });
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('name="number"');
  });
});

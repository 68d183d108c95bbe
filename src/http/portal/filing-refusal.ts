/**
 * A refused inquiry or complaint form post (no JavaScript): the same form again with the investor's input,
 * the subject it was about, and the refusal in Chinese naming the field by its label.
 */
import { CONSENT_NOTICE_TEXT, CONSENT_NOTICE_VERSION } from '../../domain/inquiries/consent-notice';
import type { Deps } from '../../services/context';
import { readSubject } from './filing-subject';
import { renderPortalPage } from './layout';
import { renderFilingForm, type FilingValues } from './pages/inquiry-forms';

const FIELD_LABELS: Record<string, string> = {
  type: '类别',
  subjectType: '咨询对象',
  subjectId: '咨询对象',
  regionCode: '受理地区',
  name: '姓名',
  company: '单位',
  phone: '手机',
  email: '电子邮箱',
  content: '内容',
  consent: '同意个人信息处理告知',
  consentVersion: '告知版本（请阅读下方最新告知后重新勾选）',
  clauseId: '承诺条款',
};

function readText(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export async function renderFilingRefusal(deps: Deps, kind: 'inquiry' | 'complaint', body: Record<string, unknown>, refusal: readonly { field?: string; message: string }[]): Promise<string> {
  const subjectType = readText(body, 'subjectType');
  const subjectId = readText(body, 'subjectId');
  const subject = subjectType && subjectId ? await readSubject(deps, `${subjectType}:${subjectId}`).catch(() => null) : null;
  const values: FilingValues = {
    type: readText(body, 'type'),
    name: readText(body, 'name'),
    company: readText(body, 'company'),
    phone: readText(body, 'phone'),
    email: readText(body, 'email'),
    content: readText(body, 'content'),
    // agreeing again is asked for when the notice changed since the form was loaded
    // (the body is the parsed one when the service refused it: consent is then a boolean)
    consent: readText(body, 'consentVersion') === CONSENT_NOTICE_VERSION && [true, 'true', 'on'].includes(body.consent as string | boolean) ? 'true' : undefined,
  };
  const error = refusal.map((d) => (d.field ? `${FIELD_LABELS[d.field] ?? d.field}：${d.message}` : d.message)).join('；');
  return renderPortalPage({
    title: kind === 'inquiry' ? '在线对接' : '投诉',
    active: kind,
    body: renderFilingForm(kind, subject, { version: CONSENT_NOTICE_VERSION, text: CONSENT_NOTICE_TEXT }, values, error),
  });
}

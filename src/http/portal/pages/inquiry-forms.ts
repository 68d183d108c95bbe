/** 在线对接 and 投诉: the filing forms (posting urlencoded to the public API, which answers 303 to the tracking page). */
import { html, type SafeHtml } from '../html';

export interface FormSubject {
  type: 'project' | 'resource' | 'policyItem';
  id: string;
  title: string;
}

const INQUIRY_TYPE_LABELS = [
  ['general', '一般咨询'],
  ['projectInterest', '项目对接'],
  ['resourceInterest', '载体对接'],
  ['policyQuestion', '政策咨询'],
] as const;
const COMPLAINT_TYPE_LABELS = [
  ['departmentAction', '部门行为'],
  ['brokenPromise', '政策不兑现/承诺未履行'],
  ['other', '其他'],
] as const;
const SUBJECT_TYPE_OF = { project: 'projectInterest', resource: 'resourceInterest', policyItem: 'policyQuestion' } as const;
const SUBJECT_LABELS = { project: '推介项目', resource: '资源载体', policyItem: '政策条款' } as const;

/** What the investor typed, when a refused form is shown again (never logged, only echoed to the same browser). */
export type FilingValues = Partial<Record<'type' | 'name' | 'company' | 'phone' | 'email' | 'content' | 'consent', string>>;

function renderInput(name: keyof FilingValues, label: string, type: string, required: boolean, autocomplete: string, values: FilingValues): SafeHtml {
  return html`<div><label for="f-${name}">${label}${required ? '（必填）' : ''}</label><input id="f-${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${values[name] ?? ''}"${required ? html` required` : ''}></div>`;
}

/** The form; `error` (a refusal naming the field) is shown above it with the investor's input kept. */
export function renderFilingForm(kind: 'inquiry' | 'complaint', subject: FormSubject | null, consent: { version: string; text: string }, values: FilingValues, error: string | null): SafeHtml {
  const title = kind === 'inquiry' ? '在线对接' : '投诉';
  const types = kind === 'inquiry' ? INQUIRY_TYPE_LABELS : COMPLAINT_TYPE_LABELS;
  const chosen = values.type ?? (kind === 'inquiry' && subject ? SUBJECT_TYPE_OF[subject.type] : types[0][0]);
  return html`<h1>${title}</h1>
${error ? html`<p class="error" role="alert">提交未成功：${error}</p>` : ''}
<p>${kind === 'inquiry' ? '提交后得到查询码，凭查询码即可查看办理进度和答复，无需登录。' : '投诉 7 个工作日内受理、60 个工作日内办结；提交后凭查询码查看进度。'}</p>
<form class="filing" method="post" action="${kind === 'inquiry' ? '/api/public/inquiries' : '/api/public/complaints'}">
${subject
    ? html`<p class="card">咨询对象：${SUBJECT_LABELS[subject.type]}「${subject.title}」</p><input type="hidden" name="subjectType" value="${subject.type}"><input type="hidden" name="subjectId" value="${subject.id}">`
    : ''}
<div><label for="f-type">类别</label><select id="f-type" name="type">${types.map(([v, l]) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${l}</option>`)}</select></div>
${renderInput('name', '姓名', 'text', true, 'name', values)}
${renderInput('company', '单位', 'text', false, 'organization', values)}
${renderInput('phone', '手机（与邮箱至少填一项）', 'tel', false, 'tel', values)}
${renderInput('email', '电子邮箱', 'email', false, 'email', values)}
<div><label for="f-content">内容（必填）</label><textarea id="f-content" name="content" rows="6" maxlength="5000" required>${values.content ?? ''}</textarea></div>
<section aria-labelledby="consent-h"><h2 id="consent-h">个人信息处理告知</h2><p class="notice">${consent.text}</p>
<input type="hidden" name="consentVersion" value="${consent.version}">
<label class="check"><input type="checkbox" name="consent" value="true" required${values.consent ? html` checked` : ''}> 我已阅读并同意上述告知（版本 ${consent.version}）</label></section>
<button type="submit">提交</button>
</form>`;
}

/**
 * What an inquiry form is about: `?subject=project:ID|resource:ID|policyItem:ID` (or the hidden fields of a
 * re-filled form) read as the subject with its public title; unknown or unpublished is the portal's 404.
 */
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import type { Deps } from '../../services/context';
import { getPublicPolicyItem, getPublicProject, getPublicResource } from '../../services/portal/public-catalog';
import type { FormSubject } from './pages/inquiry-forms';

export async function readSubject(deps: Deps, raw: unknown): Promise<FormSubject | null> {
  if (typeof raw !== 'string' || raw === '') return null;
  const [type, id = ''] = raw.split(':', 2);
  if (type === 'project') return { type, id, title: (await getPublicProject(deps, id)).publicTitle };
  if (type === 'resource') return { type, id, title: (await getPublicResource(deps, id)).name };
  if (type === 'policyItem') return { type, id, title: (await getPublicPolicyItem(deps, id)).title };
  throw new AppError('VALIDATION', msg('text.plain', { text: '查询条件有误：subject：应为 project:编号、resource:编号 或 policyItem:编号' }));
}

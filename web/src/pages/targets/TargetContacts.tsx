import { Alert, Space, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { enterprisesApi } from '../../api/enterprises';
import type { TargetListItem } from '../../api/targets';
import { useI18n } from '../../i18n';
import { ContactsTab } from '../enterprises/ContactsTab';

/**
 * 联系人 of a target's firm: those recorded within the user's region, masked, from the same service as the enterprise page
 * (revealing one is the same audited action; adding one the same form). A contact does not move a 新目标: the page only
 * says that there is one.
 */
export function TargetContacts({ target }: { target: TargetListItem }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const key = target.creditCode ?? target.enterpriseId;
  const q = useQuery({ queryKey: ['enterprise-contacts', key], queryFn: () => enterprisesApi.contacts(key) });
  const changed = async () => {
    await q.refetch();
    await client.invalidateQueries({ queryKey: ['targets', 'list'] });
  };
  if (q.isLoading || !q.data) return <Spin size="small" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="target-contacts">
      {target.status === 'new' && q.data.length > 0 && <Alert type="info" showIcon message={t('targets.contactsNewHint')} data-testid="target-contacts-hint" />}
      <ContactsTab enterpriseKey={key} contacts={q.data} onChanged={changed} />
    </Space>
  );
}

import { App, Typography } from 'antd';
import { ModalForm, ProFormCheckbox, ProFormDependency, ProFormRadio, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { criteriaToSaved, enterpriseSearchApi, MAX_ADD_FROM_SEARCH, type EnterpriseCriteria } from '../../api/enterprises-search';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n';

/** What goes into the list: chosen rows (by id: those without a credit code too), or the first results of a search. */
export type AddTarget = { kind: 'ids'; ids: string[] } | { kind: 'search'; criteria: EnterpriseCriteria; total: number };

interface Values {
  mode: 'existing' | 'new';
  listId?: string;
  name?: string;
  description?: string;
  shared?: boolean;
  note?: string;
}

interface Props {
  target: AddTarget | null;
  onClose: () => void;
  onDone: () => void;
}

/** 加入名单: pick one of my lists or create one, then add the rows or the search's results. */
export function EnterpriseListsAddModal({ target, onClose, onDone }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { data: lists = [], isLoading } = useQuery({ queryKey: ['enterprise-lists'], queryFn: enterpriseSearchApi.lists, enabled: target !== null });
  const mine = lists.filter((l) => l.mine);
  const count = target?.kind === 'ids' ? target.ids.length : Math.min(target?.total ?? 0, MAX_ADD_FROM_SEARCH);

  return (
    <ModalForm<Values>
      title={target?.kind === 'search' ? t('entLists.addAllTitle', { n: count }) : t('entLists.addTitle', { n: count })}
      // opens once the lists are known, so the first choice (existing or new) is right from the start
      open={target !== null && !isLoading}
      width={520}
      modalProps={{ destroyOnClose: true, onCancel: onClose, okText: t('entLists.addOk') }}
      initialValues={{ mode: mine.length ? 'existing' : 'new', listId: mine[0]?.id, shared: false }}
      onFinish={async (v) => {
        if (!target) return true;
        try {
          let listId = v.listId;
          let listName = mine.find((l) => l.id === listId)?.name ?? '';
          if (v.mode === 'new') {
            const created = await enterpriseSearchApi.createList({ name: (v.name ?? '').trim(), description: v.description?.trim() || null, shared: v.shared ?? false });
            listId = created.id;
            listName = created.name;
          }
          if (!listId) return false;
          const res = await enterpriseSearchApi.addMembers(listId, {
            ...(target.kind === 'ids' ? { enterpriseIds: target.ids } : { fromSearch: { query: criteriaToSaved(target.criteria), limit: count } }),
            note: v.note?.trim() || null,
          });
          void client.invalidateQueries({ queryKey: ['enterprise-lists'] });
          void client.invalidateQueries({ queryKey: ['enterprise-list', listId] });
          void message.success({
            duration: 6,
            content: (
              <span data-testid="added-to-list">
                {t('entLists.addedResult', { list: listName, added: res.added, already: res.alreadyPresent })}
                {res.notFound.length > 0 && t('entLists.addedGone', { n: res.notFound.length })}{' '}
                {/* messages render outside the router: navigate from here rather than with <Link> */}
                <Typography.Link onClick={() => navigate(`/enterprises/lists/${listId}`)}>{t('entLists.openList')}</Typography.Link>
              </span>
            ),
          });
          onDone();
          return true;
        } catch {
          // the API client has shown the message
          return false;
        }
      }}
    >
      {target?.kind === 'search' && (
        <Typography.Paragraph type="secondary">
          {target.total > MAX_ADD_FROM_SEARCH ? t('entLists.addAllCapped', { total: target.total, max: MAX_ADD_FROM_SEARCH }) : t('entLists.addAllHint', { n: count })}
        </Typography.Paragraph>
      )}
      <ProFormRadio.Group
        name="mode"
        radioType="button"
        options={[
          { value: 'existing', label: t('entLists.pickExisting'), disabled: mine.length === 0 },
          { value: 'new', label: t('entLists.createNew') },
        ]}
      />
      <ProFormDependency name={['mode']}>
        {({ mode }) =>
          mode === 'existing' ? (
            <ProFormSelect
              name="listId"
              label={t('entLists.list')}
              rules={[{ required: true, message: t('entLists.listRequired') }]}
              fieldProps={{ showSearch: true, optionFilterProp: 'label' }}
              options={mine.map((l) => ({ value: l.id, label: t('entLists.listOption', { name: l.name, n: l.memberCount }) }))}
            />
          ) : (
            <>
              <ProFormText
                name="name"
                label={t('entLists.name')}
                placeholder={t('entLists.namePlaceholder')}
                rules={[{ required: true, whitespace: true, message: t('entLists.nameRequired') }]}
                fieldProps={{ maxLength: 60, showCount: true }}
              />
              <ProFormTextArea name="description" label={t('entLists.description')} fieldProps={{ maxLength: 1000, autoSize: { minRows: 2, maxRows: 4 } }} />
              <ProFormCheckbox name="shared">{t('entLists.sharedLabel', { region: me.regionName })}</ProFormCheckbox>
            </>
          )
        }
      </ProFormDependency>
      <ProFormText name="note" label={t('entLists.note')} extra={t('entLists.noteHint')} fieldProps={{ maxLength: 500 }} />
    </ModalForm>
  );
}

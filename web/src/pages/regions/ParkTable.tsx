import { useRef } from 'react';
import { Button, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormText, ProTable, type ActionType } from '@ant-design/pro-components';
import type { CheckedColumns } from '../../components/columns';
import { showSuccess } from '../../api/client';
import { regionsApi } from '../../api/regions';
import type { Park } from '../../api/types';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { keyColumnsOnPhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { onTableError } from '../../components/table';

interface Props {
  regionCode: string;
  canAdd: boolean;
  onChanged: () => void;
}

/** Parks (园区) in the selected region's subtree: add, rename, delete with a reason. */
export function ParkTable({ regionCode, canAdd, onChanged }: Props) {
  const { t } = useI18n();
  const actionRef = useRef<ActionType>(null);
  const changed = () => {
    showSuccess(t('common.success'));
    void actionRef.current?.reload();
    onChanged();
  };
  const nameField = (
    <ProFormText
      name="name"
      label={t('parks.name')}
      rules={[{ required: true, whitespace: true }]}
      fieldProps={{ maxLength: 60 }}
    />
  );

  const columns: CheckedColumns<Park> = [
    { title: t('parks.name'), dataIndex: 'name' },
    { title: t('parks.code'), dataIndex: 'code', render: (_, p) => <Typography.Text code>{p.code}</Typography.Text> },
    { title: t('parks.parent'), dataIndex: 'parentName' },
    {
      title: t('common.actions'),
      valueType: 'option',
      key: 'actions',
      render: (_, p) => [
        <ModalForm<{ name: string }>
          key="rename"
          title={t('parks.rename')}
          width={420}
          trigger={<Typography.Link>{t('parks.rename')}</Typography.Link>}
          initialValues={{ name: p.name }}
          modalProps={{ destroyOnClose: true }}
          onFinish={async ({ name }) => {
            try {
              await regionsApi.renamePark(p.code, name.trim(), p.version);
            } catch {
              return false;
            }
            changed();
            return true;
          }}
        >
          {nameField}
        </ModalForm>,
        <ReasonModalForm
          key="delete"
          danger
          title={t('parks.deleteTitle', { name: p.name })}
          trigger={<Typography.Link type="danger">{t('parks.delete')}</Typography.Link>}
          onSubmit={async ({ reason }) => {
            await regionsApi.deletePark(p.code, reason);
            changed();
          }}
        />,
      ],
    },
  ];

  const addButton = (
    <ModalForm<{ name: string }>
      key="add"
      title={t('parks.add')}
      width={420}
      trigger={
        <Button type="primary" icon={<PlusOutlined />}>
          {t('parks.add')}
        </Button>
      }
      modalProps={{ destroyOnClose: true }}
      onFinish={async ({ name }) => {
        try {
          await regionsApi.createPark(regionCode, name.trim());
        } catch {
          return false;
        }
        changed();
        return true;
      }}
    >
      {nameField}
    </ModalForm>
  );

  return (
    <ProTable<Park>
      rowKey="code"
      onRequestError={onTableError}
      actionRef={actionRef}
      headerTitle={t('parks.title')}
      columns={keyColumnsOnPhone(columns, ['name', 'actions'])}
      params={{ regionCode }}
      search={false}
      options={{ reload: true, density: false, setting: false }}
      pagination={false}
      request={async () => {
        const items = await regionsApi.parks(regionCode);
        return { data: items, total: items.length, success: true };
      }}
      toolBarRender={() => [
        canAdd ? (
          addButton
        ) : (
          <Tooltip key="add" title={t('parks.onlyUnder')}>
            <Button icon={<PlusOutlined />} disabled>
              {t('parks.add')}
            </Button>
          </Tooltip>
        ),
      ]}
    />
  );
}

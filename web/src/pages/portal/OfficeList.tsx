/** 联系窗口: the contact offices (name, address, phone, hours, e-mail — public, no person's name) of the caller's region and below; new or changed in a dialog. */
import { useState } from 'react';
import { Button, Card, Empty, Form, Input, List, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { can } from '../../access';
import { showError, showSuccess } from '../../api/client';
import { officesApi, type Office } from '../../api/portal';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

interface Values {
  regionCode: string;
  name: string;
  address: string;
  phone: string;
  hours?: string;
  email?: string;
  isPublic: boolean;
}

function OfficeForm({ office, onClose }: { office: Office | null; onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { regionCode: v.regionCode, name: v.name, address: v.address, phone: v.phone, hours: v.hours ?? '', email: v.email || null, isPublic: v.isPublic };
      return office ? officesApi.update(office.id, { ...body, version: office.version }) : officesApi.create(body);
    },
    onSuccess: async () => {
      showSuccess(t('portal.office.saved'));
      await client.invalidateQueries({ queryKey: ['portal'] });
      onClose();
    },
    onError: (e) => showError(e),
  });
  const initial: Partial<Values> = office
    ? { regionCode: office.regionCode, name: office.name, address: office.address, phone: office.phone, hours: office.hours, email: office.email ?? undefined, isPublic: office.isPublic }
    : { regionCode: me.regionCode ?? undefined, isPublic: true };
  return (
    <Modal open title={office ? t('portal.office.edit') : t('portal.office.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('portal.office.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('portal.office.region')}>
          <RegionTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="address" label={t('portal.office.address')} rules={[{ required: true, whitespace: true }, { max: 300 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="phone" label={t('portal.office.phone')} rules={[{ required: true, whitespace: true }, { max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="hours" label={t('portal.office.hours')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('portal.office.email')} rules={[{ type: 'email' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="isPublic" label={t('portal.office.isPublic')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function OfficeList() {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const manage = can(me, 'portal.manage');
  const [editing, setEditing] = useState<Office | null | undefined>(undefined);
  const list = useQuery({ queryKey: ['portal', 'offices'], queryFn: () => officesApi.list() });
  const items = list.data?.items ?? [];
  const newButton = manage ? (
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="office-new">
      {t('portal.office.new')}
    </Button>
  ) : null;
  const empty = <Empty description={t('portal.office.empty')}>{newButton}</Empty>;
  const publicTag = (o: Office) => (o.isPublic ? <Tag color="green">{t('portal.office.public')}</Tag> : <Tag>{t('portal.office.hidden')}</Tag>);
  const editButton = (o: Office) =>
    manage ? (
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(o)} aria-label={`${t('common.edit')} ${o.name}`}>
        {t('common.edit')}
      </Button>
    ) : null;
  const columns: ColumnsType<Office> = [
    { title: t('portal.office.name'), dataIndex: 'name' },
    { title: t('portal.office.region'), dataIndex: 'regionName', width: 110 },
    { title: t('portal.office.address'), dataIndex: 'address' },
    { title: t('portal.office.phone'), dataIndex: 'phone', width: 150 },
    { title: t('portal.office.hours'), dataIndex: 'hours', width: 180 },
    { title: t('portal.office.isPublic'), key: 'isPublic', width: 90, render: (_, o) => publicTag(o) },
    ...(manage ? [{ title: t('common.edit'), key: 'edit', width: 90, render: (_: unknown, o: Office) => editButton(o) }] : []),
  ];
  return (
    <PageContainer title={t('portal.office.title')} extra={newButton ? [newButton] : []}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        {phone ? (
          <List<Office>
            data-testid="office-list"
            loading={list.isLoading}
            dataSource={items}
            rowKey="id"
            locale={{ emptyText: list.isLoading ? ' ' : empty }}
            renderItem={(o) => (
              <List.Item actions={manage ? [editButton(o)] : []}>
                <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
                  <Space size={4} wrap>
                    <Typography.Text strong>{o.name}</Typography.Text>
                    {publicTag(o)}
                  </Space>
                  <Typography.Text type="secondary">{`${o.regionName} · ${o.phone}`}</Typography.Text>
                  <Typography.Text type="secondary">{o.address}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<Office> data-testid="office-list" rowKey="id" loading={list.isLoading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
        )}
      </Card>
      {editing !== undefined && <OfficeForm office={editing} onClose={() => setEditing(undefined)} />}
    </PageContainer>
  );
}

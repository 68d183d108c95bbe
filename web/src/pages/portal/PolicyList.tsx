/** 政策库: the policies of the caller's region and below with their item counts; a new policy in a dialog. */
import { useState } from 'react';
import { Button, Card, Empty, Form, Input, List, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { can } from '../../access';
import { showError, showSuccess } from '../../api/client';
import { policiesApi, type PolicyListItem } from '../../api/portal';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

export const policyPath = (id: string) => `/portal-admin/policies/${encodeURIComponent(id)}`;

interface Values {
  regionCode: string;
  title: string;
  issuingBody: string;
  documentNumber?: string;
  sourceUrl?: string;
  isDemo: boolean;
}

function NewPolicy({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => policiesApi.create({ regionCode: v.regionCode, title: v.title, issuingBody: v.issuingBody, documentNumber: v.documentNumber ?? '', sourceUrl: v.sourceUrl || null, isDemo: v.isDemo }),
    onSuccess: async (policy) => {
      showSuccess(t('portal.policy.saved'));
      await client.invalidateQueries({ queryKey: ['portal'] });
      onClose();
      navigate(policyPath(policy.id));
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal open title={t('portal.policy.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ regionCode: me.regionCode ?? undefined, isDemo: false }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('portal.policy.policyTitle')} rules={[{ required: true, whitespace: true }, { max: 300 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="issuingBody" label={t('portal.policy.issuingBody')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="documentNumber" label={t('portal.policy.documentNumber')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('portal.policy.region')}>
          <RegionTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="sourceUrl" label={t('portal.policy.sourceUrl')} rules={[{ type: 'url' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="isDemo" label={t('portal.policy.isDemo')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function PolicyList() {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const manage = can(me, 'portal.manage');
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['portal', 'policies'], queryFn: () => policiesApi.list() });
  const items = list.data?.items ?? [];
  const newButton = manage ? (
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="policy-new">
      {t('portal.policy.new')}
    </Button>
  ) : null;
  const empty = <Empty description={t('portal.policy.empty')}>{newButton}</Empty>;
  const demo = (r: PolicyListItem) => (r.isDemo ? <Tag color="orange">{t('portal.policy.demo')}</Tag> : null);
  const counts = (r: PolicyListItem) => t('portal.policy.itemCounts', { n: r.items, published: r.publishedItems });
  const columns: ColumnsType<PolicyListItem> = [
    {
      title: t('portal.policy.policyTitle'),
      key: 'title',
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={policyPath(r.id)} data-testid="policy-title">
            {r.title}
          </Link>
          {demo(r)}
        </Space>
      ),
    },
    { title: t('portal.policy.issuingBody'), dataIndex: 'issuingBody', width: 200 },
    { title: t('portal.policy.documentNumber'), dataIndex: 'documentNumber', width: 180 },
    { title: t('portal.policy.region'), dataIndex: 'regionName', width: 110 },
    { title: t('portal.policy.items'), key: 'items', width: 150, render: (_, r) => counts(r) },
  ];
  return (
    <PageContainer title={t('portal.policy.title')} extra={newButton ? [newButton] : []}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        {phone ? (
          <List<PolicyListItem>
            data-testid="policy-list"
            loading={list.isLoading}
            dataSource={items}
            rowKey="id"
            locale={{ emptyText: list.isLoading ? ' ' : empty }}
            renderItem={(r) => (
              <List.Item>
                <Space direction="vertical" size={2}>
                  <Space size={4} wrap>
                    <Link to={policyPath(r.id)} data-testid="policy-title">
                      {r.title}
                    </Link>
                    {demo(r)}
                  </Space>
                  <Typography.Text type="secondary">{`${r.issuingBody} · ${r.regionName} · ${counts(r)}`}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<PolicyListItem> data-testid="policy-list" rowKey="id" loading={list.isLoading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
        )}
      </Card>
      {creating && <NewPolicy onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}

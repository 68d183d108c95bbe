/** One policy and its items (条款): what each item supports, for whom, and whether it is published; add or change an item in a dialog. */
import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, List, Modal, Result, Select, Space, Switch, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { can } from '../../access';
import { showError, showSuccess } from '../../api/client';
import { ENTERPRISE_SIZES, policiesApi, type EnterpriseSize, type Policy, type PolicyItem } from '../../api/portal';
import { useMe } from '../../auth/session';
import { PageLoading } from '../../components/PageLoading';
import { useI18n } from '../../i18n';
import { IndustryCodesSelect } from '../chains/IndustryCodesSelect';

interface Values {
  title: string;
  benefit: string;
  conditions?: string;
  howToApply?: string;
  industryCodes: string[];
  enterpriseSizes: EnterpriseSize[];
  published: boolean;
}

function ItemForm({ policy, item, onClose }: { policy: Policy; item: PolicyItem | null; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { title: v.title, benefit: v.benefit, conditions: v.conditions ?? '', howToApply: v.howToApply ?? '', industryCodes: v.industryCodes ?? [], enterpriseSizes: v.enterpriseSizes ?? [], published: v.published };
      return item ? policiesApi.updateItem(item.id, { ...body, version: item.version }) : policiesApi.addItem(policy.id, body);
    },
    onSuccess: async () => {
      showSuccess(t('portal.policy.itemSaved'));
      await client.invalidateQueries({ queryKey: ['portal'] });
      onClose();
    },
    onError: (e) => showError(e),
  });
  const initial: Values = item
    ? { title: item.title, benefit: item.benefit, conditions: item.conditions, howToApply: item.howToApply, industryCodes: item.industryCodes, enterpriseSizes: item.enterpriseSizes, published: item.published }
    : { title: '', benefit: '', industryCodes: [], enterpriseSizes: [], published: true };
  return (
    <Modal open title={item ? t('portal.policy.editItem') : t('portal.policy.addItem')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('portal.policy.itemTitle')} rules={[{ required: true, whitespace: true }, { max: 300 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="benefit" label={t('portal.policy.benefit')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        <Form.Item name="conditions" label={t('portal.policy.conditions')}>
          <Input.TextArea rows={2} maxLength={8000} />
        </Form.Item>
        <Form.Item name="howToApply" label={t('portal.policy.howToApply')}>
          <Input.TextArea rows={2} maxLength={8000} />
        </Form.Item>
        <Form.Item name="industryCodes" label={t('portal.policy.industries')} extra={t('portal.policy.anyWhenEmpty')}>
          <IndustryCodesSelect testId="policy-item-industries" sections />
        </Form.Item>
        <Form.Item name="enterpriseSizes" label={t('portal.policy.sizes')} extra={t('portal.policy.anyWhenEmpty')}>
          <Select mode="multiple" allowClear options={ENTERPRISE_SIZES.map((s) => ({ value: s, label: t(`portal.size.${s}`) }))} />
        </Form.Item>
        <Form.Item name="published" label={t('portal.resource.published')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function PolicyDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const manage = can(me, 'portal.manage');
  const [editing, setEditing] = useState<PolicyItem | null | undefined>(undefined);
  const { data: policy, isLoading } = useQuery({ queryKey: ['portal', 'policy', id], queryFn: () => policiesApi.get(id), retry: false });
  if (isLoading) return <PageLoading />;
  if (!policy) return <Result status="404" title={t('portal.policy.notFound')} extra={<Button onClick={() => navigate('/portal-admin/policies')}>{t('portal.policy.back')}</Button>} />;
  const addButton = manage ? (
    <Button key="add" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="policy-item-add">
      {t('portal.policy.addItem')}
    </Button>
  ) : null;
  const validity = (from: string | null, to: string | null) => (from || to ? `${from ?? '…'} — ${to ?? '…'}` : t('portal.policy.noEnd'));
  return (
    <PageContainer onBack={() => navigate('/portal-admin/policies')} title={<span data-testid="policy-heading">{policy.title}</span>} tags={policy.isDemo ? [<Tag key="demo" color="orange">{t('portal.policy.demo')}</Tag>] : []} extra={addButton ? [addButton] : []}>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('portal.policy.issuingBody')}>{policy.issuingBody}</Descriptions.Item>
          <Descriptions.Item label={t('portal.policy.documentNumber')}>{policy.documentNumber || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('portal.policy.region')}>{policy.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('portal.policy.validity')}>{validity(policy.validFrom, policy.validTo)}</Descriptions.Item>
          {policy.sourceUrl && (
            <Descriptions.Item label={t('portal.policy.sourceUrl')}>
              <Typography.Link href={policy.sourceUrl} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }}>
                {policy.sourceUrl}
              </Typography.Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('portal.policy.items')}>
        <List<PolicyItem>
          data-testid="policy-items"
          dataSource={policy.items}
          rowKey="id"
          locale={{ emptyText: <Empty description={t('portal.policy.noItems')}>{addButton}</Empty> }}
          renderItem={(item) => (
            <List.Item
              actions={
                manage
                  ? [
                      <Button key="edit" size="small" icon={<EditOutlined />} onClick={() => setEditing(item)} aria-label={`${t('common.edit')} ${item.title}`}>
                        {t('common.edit')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
                <Space size={4} wrap>
                  <Typography.Text strong>{item.title}</Typography.Text>
                  {item.published ? <Tag color="green">{t('portal.resource.isPublished')}</Tag> : <Tag>{t('portal.resource.draft')}</Tag>}
                </Space>
                <Typography.Paragraph style={{ marginBottom: 0 }}>{item.benefit}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {`${t('portal.policy.industries')}：${item.industryCodes.length ? item.industryCodes.join('、') : t('portal.policy.any')} · ${t('portal.policy.sizes')}：${item.enterpriseSizes.length ? item.enterpriseSizes.map((s) => t(`portal.size.${s}`)).join('、') : t('portal.policy.any')}`}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {editing !== undefined && <ItemForm policy={policy} item={editing} onClose={() => setEditing(undefined)} />}
    </PageContainer>
  );
}

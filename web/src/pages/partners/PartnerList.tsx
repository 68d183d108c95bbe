/** Partners (招商大使、商会、协会、委托招商) of the caller's region and below, with their figures; a new one in a dialog. */
import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { can } from '../../access';
import { showError, showSuccess } from '../../api/client';
import { PARTNER_KIND_KEYS, partnersApi, type PartnerKind, type PartnerList as Page } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import { formatWan } from '../../components/money';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

type Item = Page['items'][number];
export const partnerPath = (id: string) => `/activities/partners/${encodeURIComponent(id)}`;

interface Values {
  kind: PartnerKind;
  name: string;
  regionCode: string;
  contact?: string;
  agreementNo?: string;
  signedDate?: Dayjs;
  startDate?: Dayjs;
  endDate?: Dayjs;
  terms?: string;
  feeTerms?: string;
}

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD') ?? null;

function NewPartner({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      partnersApi.create({
        kind: v.kind,
        name: v.name,
        regionCode: v.regionCode,
        contact: v.contact || null,
        ...(v.kind === 'agency'
          ? { agreementNo: v.agreementNo || null, signedDate: day(v.signedDate), startDate: day(v.startDate), endDate: day(v.endDate), terms: v.terms || null, feeTerms: v.feeTerms || null }
          : {}),
      }),
    onSuccess: async (partner) => {
      showSuccess(t('partners.saved'));
      await client.invalidateQueries({ queryKey: ['partners'] });
      onClose();
      navigate(partnerPath(partner.id));
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal open={open} title={t('partners.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'ambassador', regionCode: me.regionCode ?? undefined }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('partners.kind')}>
          <Select data-testid="partner-kind-input" options={PARTNER_KIND_KEYS.map((k) => ({ value: k, label: t(`partners.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('partners.name')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input data-testid="partner-name-input" maxLength={200} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('partners.region')}>
          <RegionTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="contact" label={t('partners.contact')}>
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'agency' && (
          <>
            <Form.Item name="agreementNo" label={t('partners.agreementNo')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="partner-agreement-input" maxLength={100} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="signedDate" label={t('partners.signedDate')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="startDate" label={t('partners.startDate')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="endDate" label={t('partners.endDate')}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.Item name="terms" label={t('partners.terms')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
            <Form.Item name="feeTerms" label={t('partners.feeTerms')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export default function PartnerList() {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const manage = can(me, 'activities.manage');
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<PartnerKind | undefined>();
  const list = useQuery({ queryKey: ['partners', 'list', kind], queryFn: () => partnersApi.list({ kind }) });
  const items = list.data?.items ?? [];
  const kindName = (k: PartnerKind) => t(`partners.kind.${k}`);
  const newButton = manage ? (
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="partner-new">
      {t('partners.new')}
    </Button>
  ) : null;
  const empty = <Empty description={t('partners.empty')}>{newButton}</Empty>;
  const columns: ColumnsType<Item> = [
    { title: t('partners.name'), key: 'name', render: (_, r) => <Link to={partnerPath(r.id)} data-testid="partner-name">{r.name}</Link> },
    { title: t('partners.kind'), dataIndex: 'kind', width: 110, render: (k: PartnerKind) => <Tag>{kindName(k)}</Tag> },
    { title: t('partners.region'), dataIndex: 'regionName', width: 110 },
    { title: t('partners.projects'), dataIndex: 'projects', width: 90, align: 'right' },
    { title: t('partners.signedProjects'), dataIndex: 'signedProjects', width: 80, align: 'right' },
    { title: t('partners.signedAmount'), dataIndex: 'signedAmountYuan', width: 150, align: 'right', render: (v: number) => formatWan(v, '—') },
    { title: t('partners.funds'), dataIndex: 'fundsYuan', width: 150, align: 'right', render: (v: number) => formatWan(v, '—') },
    { title: t('partners.activities'), dataIndex: 'activities', width: 90, align: 'right' },
  ];
  return (
    <PageContainer title={t('partners.title')} extra={newButton ? [newButton] : []}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Select
            aria-label={t('partners.kind')}
            data-testid="partner-kind-filter"
            style={{ width: phone ? '100%' : 180 }}
            placeholder={t('partners.allKinds')}
            allowClear
            value={kind}
            onChange={(v: PartnerKind | undefined) => setKind(v)}
            options={PARTNER_KIND_KEYS.map((k) => ({ value: k, label: kindName(k) }))}
          />
          {phone ? (
            <List<Item>
              data-testid="partner-list"
              loading={list.isLoading}
              dataSource={items}
              rowKey="id"
              split={false}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              renderItem={(r) => (
                <List.Item style={{ padding: '0 0 12px' }}>
                  <Card size="small" style={{ width: '100%' }}>
                    <Space direction="vertical" size={4}>
                      <Space size={6} wrap>
                        <Tag>{kindName(r.kind)}</Tag>
                        <Link to={partnerPath(r.id)} data-testid="partner-name">
                          {r.name}
                        </Link>
                      </Space>
                      <Typography.Text type="secondary">
                        {r.regionName} · {t('partners.projects')} {r.projects} · {t('partners.signedProjects')} {r.signedProjects}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {t('partners.signedAmount')} {formatWan(r.signedAmountYuan, '—')} · {t('partners.funds')} {formatWan(r.fundsYuan, '—')} · {t('partners.activities')} {r.activities}
                      </Typography.Text>
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<Item> data-testid="partner-list" rowKey="id" loading={list.isLoading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
          )}
        </Space>
      </Card>
      <NewPartner open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}

/**
 * 发布到门户 on a project's page: a dialog with the public fields only, a live preview of exactly the fields the
 * portal shows (it never reads the project's own name, investor or contacts), and 撤下 with a reason.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { showError, showSuccess } from '../../api/client';
import { officesApi, publicationsApi, type Office, type PublicationState } from '../../api/portal';
import { formatWan } from '../../components/money';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

interface Values {
  publicTitle: string;
  background?: string;
  market?: string;
  conditions?: string;
  investmentScaleYuan?: number | null;
  cooperationMode?: string;
  contactOfficeId?: string | null;
}

/** What a visitor of /portal/projects/:id reads, from the fields being written (the same order as the portal page). */
function PublicPreview({ values, regionName, office }: { values: Partial<Values>; regionName: string; office: Office | undefined }) {
  const { t } = useI18n();
  const text = (v: string | undefined) => (v && v.trim() !== '' ? v : '—');
  return (
    <Card size="small" title={t('portal.publish.preview')} data-testid="publication-preview">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {text(values.publicTitle)}
      </Typography.Title>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('portal.publish.region')}>{regionName}</Descriptions.Item>
        <Descriptions.Item label={t('portal.publish.investmentScale')}>{formatWan(values.investmentScaleYuan, t('portal.publish.notDisclosed'))}</Descriptions.Item>
        <Descriptions.Item label={t('portal.publish.background')}>{text(values.background)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.publish.market')}>{text(values.market)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.publish.conditions')}>{text(values.conditions)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.publish.cooperationMode')}>{text(values.cooperationMode)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.publish.office')}>{office ? `${office.name} · ${office.phone}` : '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function PublishDialog({ projectId, state, onClose }: { projectId: string; state: PublicationState; onClose: () => void }) {
  const { t } = useI18n();
  const phone = usePhone();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) ?? {};
  const offices = useQuery({ queryKey: ['portal', 'offices'], queryFn: () => officesApi.list() });
  const current = state.current;
  const save = useMutation({
    mutationFn: (v: Values) =>
      publicationsApi.publish(projectId, {
        publicTitle: v.publicTitle,
        background: v.background ?? '',
        market: v.market ?? '',
        conditions: v.conditions ?? '',
        investmentScaleYuan: v.investmentScaleYuan ?? null,
        cooperationMode: v.cooperationMode ?? '',
        contactOfficeId: v.contactOfficeId ?? null,
        ...(current ? { version: current.version } : {}),
      }),
    onSuccess: async () => {
      showSuccess(t('portal.publish.saved'));
      await client.invalidateQueries({ queryKey: ['portal'] });
      onClose();
    },
    onError: (e) => showError(e),
  });
  const officeList = offices.data?.items ?? [];
  // changing: what is published; republishing: what was published last, before it was withdrawn
  const from = current ?? state.lastWithdrawn;
  const initial: Partial<Values> = from
    ? { publicTitle: from.publicTitle, background: from.background, market: from.market, conditions: from.conditions, investmentScaleYuan: from.investmentScaleYuan, cooperationMode: from.cooperationMode, contactOfficeId: from.contactOfficeId }
    : {};
  return (
    <Modal open title={current ? t('portal.publish.change') : t('portal.publish.action')} onCancel={onClose} onOk={() => form.submit()} okText={t('portal.publish.submit')} confirmLoading={save.isPending} width={phone ? undefined : 1000} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('portal.publish.hint')}</Typography.Paragraph>
      {!current && state.lastWithdrawn && (
        <Typography.Paragraph type="warning" data-testid="publication-republish-hint">
          {t('portal.publish.republishHint', { date: state.lastWithdrawn.withdrawnAt.slice(0, 10) })}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
            <Form.Item name="publicTitle" label={t('portal.publish.publicTitle')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
              <Input data-testid="publication-title-input" maxLength={200} />
            </Form.Item>
            <Form.Item name="background" label={t('portal.publish.background')}>
              <Input.TextArea rows={3} maxLength={8000} />
            </Form.Item>
            <Form.Item name="market" label={t('portal.publish.market')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
            <Form.Item name="conditions" label={t('portal.publish.conditions')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
            <Form.Item name="investmentScaleYuan" label={t('portal.publish.investmentScaleYuan')} extra={t('portal.publish.investmentScaleHint')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="cooperationMode" label={t('portal.publish.cooperationMode')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="contactOfficeId" label={t('portal.publish.office')}>
              <Select allowClear loading={offices.isLoading} options={officeList.map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }))} />
            </Form.Item>
          </Form>
        </Col>
        <Col xs={24} md={12}>
          <PublicPreview values={values} regionName={state.preview?.regionName ?? t('portal.publish.projectRegion')} office={officeList.find((o) => o.id === values.contactOfficeId)} />
        </Col>
      </Row>
    </Modal>
  );
}

/**
 * The project page's 发布到门户 / 修改公开内容 button, its state tag and 撤下; `openNow` opens the dialog at once (重新发布 from
 * the list), and `onOpenedNow` is then told once, so the page can drop the request from its address (a reload does not reopen it).
 */
export function PublishProject({ projectId, openNow = false, onOpenedNow }: { projectId: string; openNow?: boolean; onOpenedNow?: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [open, setOpen] = useState(openNow);
  useEffect(() => {
    if (openNow) onOpenedNow?.();
    // once, when the dialog was opened by the address
  }, []);
  const state = useQuery({ queryKey: ['portal', 'publication', projectId], queryFn: () => publicationsApi.get(projectId) });
  const current = state.data?.current ?? null;
  const withdraw = async ({ reason }: { reason: string }) => {
    if (!current) return;
    try {
      await publicationsApi.withdraw(projectId, { version: current.version, reason });
    } catch (e) {
      showError(e);
      throw e;
    }
    showSuccess(t('portal.publish.withdrawn'));
    await client.invalidateQueries({ queryKey: ['portal'] });
  };
  if (!state.data) return null;
  return (
    <Space wrap>
      {current && <Tag color="green">{t('portal.publish.isPublished')}</Tag>}
      <Button icon={<GlobalOutlined />} onClick={() => setOpen(true)} data-testid="publication-open">
        {current ? t('portal.publish.change') : t('portal.publish.action')}
      </Button>
      {current && (
        <ReasonModalForm
          title={t('portal.publish.withdraw')}
          danger
          trigger={
            <Button danger data-testid="publication-withdraw">
              {t('portal.publish.withdraw')}
            </Button>
          }
          onSubmit={withdraw}
        />
      )}
      {open && <PublishDialog projectId={projectId} state={state.data} onClose={() => setOpen(false)} />}
    </Space>
  );
}

import { useState } from 'react';
import { Button, DatePicker, Empty, Form, List, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileAddOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { BRIEFING_KIND_KEYS, briefingsApi, type BriefingKind, type BriefingList as Page } from '../../api/briefings';
import { useMe } from '../../auth/session';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { briefingPath, kindName, shanghaiDay } from './labels';

type Item = Page['items'][number];
const PAGE_SIZE = 20;

function Status({ r }: { r: Item }) {
  const { t } = useI18n();
  return r.status === 'issued' ? (
    <Tag color="green">{t('briefings.issuedNumber', { n: r.issueNumber ?? 0 })}</Tag>
  ) : (
    <Tag color="orange">{r.edition > 1 ? t('briefings.draftEdition', { n: r.edition }) : t('briefings.status.draft')}</Tag>
  );
}

/** 简报: the weekly briefings, 旬调度 and monthly briefings of the user's region and those below, newest period first. */
export default function BriefingList() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const navigate = useNavigate();
  const manage = can(me, 'briefings.manage');
  const [search, setSearch] = useSearchParams();
  const kind = (search.get('kind') as BriefingKind | null) ?? undefined;
  const page = Number(search.get('page')) || 1;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ kind: BriefingKind; date: Dayjs }>();
  const list = useQuery({
    queryKey: ['briefings', 'list', kind, page],
    queryFn: () => briefingsApi.list({ kind, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const generate = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const b = await briefingsApi.generate({ regionCode: me?.regionCode ?? '', kind: v.kind, date: v.date.format('YYYY-MM-DD') });
      setOpen(false);
      navigate(briefingPath(b.id));
    } finally {
      setBusy(false);
    }
  };
  const generateButton = manage ? (
    <Button key="generate" type="primary" icon={<FileAddOutlined />} onClick={() => setOpen(true)} data-testid="briefing-generate">
      {t('briefings.generate')}
    </Button>
  ) : null;
  const columns: ColumnsType<Item> = [
    { title: t('briefings.period'), key: 'period', render: (_, r) => <Link to={briefingPath(r.id)}>{r.periodLabel}</Link> },
    { title: t('briefings.kind'), dataIndex: 'kind', width: 150, render: (v: BriefingKind) => kindName(t, v) },
    { title: t('briefings.region'), dataIndex: 'regionName', width: 140 },
    { title: t('briefings.status'), key: 'status', width: 130, render: (_, r) => <Status r={r} /> },
    { title: t('briefings.generatedBy'), key: 'generated', width: 230, render: (_, r) => `${r.generatedByName} ${shanghaiDay(r.generatedAt)}` },
    { title: t('briefings.issuedBy'), key: 'issued', width: 160, render: (_, r) => (r.issuedAt ? `${r.issuedByName ?? ''} ${shanghaiDay(r.issuedAt)}` : '—') },
  ];
  return (
    <PageContainer title={t('menu.briefings')} extra={generateButton ? [generateButton] : []}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented
          aria-label={t('briefings.kind')}
          value={kind ?? 'all'}
          options={[{ label: t('briefings.all'), value: 'all' }, ...BRIEFING_KIND_KEYS.map((k) => ({ label: kindName(t, k), value: k }))]}
          onChange={(v) => setSearch(v === 'all' ? {} : { kind: String(v) }, { replace: true })}
          block={phone}
        />
        {phone ? (
          <List
            data-testid="briefings-list"
            loading={list.isLoading}
            dataSource={items}
            locale={{ emptyText: <Empty description={t('briefings.empty')} /> }}
            pagination={total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, onChange: (p) => setSearch({ ...(kind ? { kind } : {}), page: String(p) }) } : false}
            renderItem={(r) => (
              <List.Item onClick={() => navigate(briefingPath(r.id))} style={{ cursor: 'pointer' }}>
                <List.Item.Meta
                  title={<Link to={briefingPath(r.id)}>{`${kindName(t, r.kind)} · ${r.regionName}`}</Link>}
                  description={
                    <Space size={4} wrap>
                      <Typography.Text type="secondary">{r.periodLabel}</Typography.Text>
                      <Status r={r} />
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<Item>
            data-testid="briefings-list"
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            columns={columns}
            dataSource={items}
            locale={{ emptyText: <Empty description={t('briefings.empty')} /> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: (p) => setSearch({ ...(kind ? { kind } : {}), page: String(p) }) }}
          />
        )}
      </Space>
      <Modal title={t('briefings.generate')} open={open} onCancel={() => setOpen(false)} onOk={generate} confirmLoading={busy} okText={t('briefings.generateOk')} destroyOnClose>
        <Typography.Paragraph type="secondary">{t('briefings.generateHint', { region: me?.regionName ?? '' })}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ kind: 'weekly', date: dayjs().subtract(7, 'day') }}>
          <Form.Item name="kind" label={t('briefings.kind')} rules={[{ required: true }]}>
            <Select options={BRIEFING_KIND_KEYS.map((k) => ({ label: kindName(t, k), value: k }))} data-testid="briefing-kind" />
          </Form.Item>
          <Form.Item name="date" label={t('briefings.date')} extra={t('briefings.dateHint')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="briefing-date" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}

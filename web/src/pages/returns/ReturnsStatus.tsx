import { Alert, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { returnsApi, type ReturnStatusRow } from '../../api/returns';
import { useMe } from '../../auth/session';
import { formatTime, levelName } from '../../components/labels';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { FlagTags, MONTH, StateTag, lastMonth, returnLink } from './labels';

interface Row extends ReturnStatusRow {
  own: boolean;
}

/** 月报审核: the selected region's own return on top, then its direct sub-regions' returns for one month. */
export default function ReturnsStatus() {
  const me = useMe();
  const { t } = useI18n();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') || me.regionCode;
  const monthParam = params.get('month') ?? '';
  const month = MONTH.test(monthParam) ? monthParam : lastMonth();
  const set = (next: { region?: string; month?: string }) =>
    setParams({ region: next.region ?? region, month: next.month ?? month }, { replace: true });

  const status = useQuery({ queryKey: ['returns-status', region, month], queryFn: () => returnsApi.status(region, month) });
  const data = status.data;
  const rows: Row[] = data ? [{ ...data.own, own: true }, ...data.items.map((r) => ({ ...r, own: false }))] : [];

  const columns: ColumnsType<Row> = [
    {
      title: t('returns.colRegion'),
      dataIndex: 'regionName',
      render: (_, r) => (
        <Space size={6} wrap>
          <Link to={returnLink(r.regionCode, month)} onClick={(e) => e.stopPropagation()}>
            {r.regionName}
          </Link>
          {r.own && <Tag color="blue">{t('returns.own')}</Tag>}
        </Space>
      ),
    },
    { title: t('returns.colLevel'), dataIndex: 'level', width: 100, render: (l: string) => levelName(t, l) },
    {
      title: t('returns.colState'),
      dataIndex: 'state',
      width: 110,
      render: (_, r) => <StateTag t={t} state={r.state} />,
    },
    { title: t('returns.colDue'), dataIndex: 'dueDate', width: 120 },
    {
      title: t('returns.colFlags'),
      key: 'flags',
      width: 200,
      render: (_, r) =>
        r.required ? <FlagTags t={t} row={r} /> : <Typography.Text type="secondary">{t('returns.notRequired')}</Typography.Text>,
    },
    { title: t('returns.colSubmittedAt'), dataIndex: 'submittedAt', width: 170, render: (v: string | null) => formatTime(v) },
    { title: t('returns.colSubmittedBy'), dataIndex: 'submittedByName', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('returns.colSubmissions'), dataIndex: 'submissions', width: 100, align: 'right' },
  ];

  return (
    <PageContainer title={t('returns.title')} subTitle={data ? `${data.regionName} · ${month}` : month}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <Space>
            <span>{t('returns.region')}</span>
            <div style={{ width: 280 }} data-testid="returns-region">
              <RegionTreeSelect value={region} allowClear={false} onChange={(v) => v && set({ region: v })} />
            </div>
          </Space>
          <Space>
            <span>{t('returns.month')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              data-testid="returns-month"
              value={dayjs(`${month}-01`)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
            />
          </Space>
          <Typography.Text type="secondary">{t('returns.hint')}</Typography.Text>
        </Space>
      </Card>
      {status.isError && <Alert type="error" showIcon message={status.error.message} style={{ marginBottom: 16 }} />}
      <Card size="small">
        <Table<Row>
          data-testid="returns-table"
          rowKey="regionCode"
          size="middle"
          loading={status.isLoading}
          columns={keyColumnsOnPhone(columns, ['regionName', 'state', 'flags'], phone)}
          dataSource={rows}
          pagination={false}
          onRow={(r) => ({
            onClick: () => navigate(returnLink(r.regionCode, month)),
            style: { cursor: 'pointer', background: r.own ? '#f0f5ff' : undefined },
            'data-own': r.own ? 'true' : undefined,
          })}
          footer={data && data.items.length === 0 ? () => <Typography.Text type="secondary">{t('returns.noSub')}</Typography.Text> : undefined}
        />
      </Card>
    </PageContainer>
  );
}

import { Button, Card, Table, Typography } from 'antd';
import { ProFormText } from '@ant-design/pro-components';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { regionsApi } from '../../api/regions';
import type { RegionChild } from '../../api/types';
import { statsApi, type AnnualTarget } from '../../api/stats';
import { showSuccess } from '../../api/client';
import { levelName } from '../../components/labels';
import { formatWan, WAN_PATTERN, wanToYuan, yuanToWan } from '../../components/money';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';
import { unitWan, withWanUnit } from '../../i18n/units';

interface Row {
  region: RegionChild;
  target: AnnualTarget | null;
  loading: boolean;
}

interface TargetValues {
  reason: string;
  fundsTargetWan: string;
  signedTargetWan?: string;
}

/** 年度目标: the sub-regions' annual targets for the year; the parent level sets them (下达) or changes them. */
export function TargetsCard({ region, year }: { region: string; year: number }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const children = useQuery({ queryKey: ['region-children', region], queryFn: () => regionsApi.children(region) });
  const targets = useQueries({
    queries: (children.data ?? []).map((c) => ({
      queryKey: ['target', c.code, year],
      queryFn: () => statsApi.target(c.code, year),
    })),
  });
  const rows: Row[] = (children.data ?? []).map((c, i) => ({ region: c, target: targets[i]?.data ?? null, loading: targets[i]?.isLoading ?? true }));
  const amountRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (value && !WAN_PATTERN.test(value.trim())) throw new Error(t('projects.amountInvalid'));
      if (value && wanToYuan(value) === 0) throw new Error(t('targets.positive'));
    },
  };

  return (
    <Card title={t('targets.title', { year })} size="small" data-testid="targets-card" extra={<Typography.Text type="secondary">{t('targets.hint')}</Typography.Text>}>
      <Table<Row>
        size="small"
        rowKey={(r) => r.region.code}
        loading={children.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('targets.noChildren') }}
        columns={[
          {
            title: t('stats.subRegion'),
            key: 'name',
            render: (_: unknown, r) => (
              <span>
                {r.region.name} <Typography.Text type="secondary">（{levelName(t, r.region.level)}）</Typography.Text>
              </span>
            ),
          },
          {
            title: t('targets.funds'),
            key: 'funds',
            align: 'right',
            width: 200,
            render: (_: unknown, r) =>
              r.loading ? '…' : r.target ? formatWan(r.target.fundsTargetYuan, '—') : <Typography.Text type="secondary">{t('stats.noTarget')}</Typography.Text>,
          },
          {
            title: t('targets.signed'),
            key: 'signed',
            align: 'right',
            width: 200,
            render: (_: unknown, r) => (r.target ? formatWan(r.target.signedTargetYuan, '—') : '—'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, r) => (
              <ReasonModalForm<TargetValues>
                title={t(r.target ? 'targets.editTitle' : 'targets.setTitle', { name: r.region.name, year })}
                initialValues={{
                  fundsTargetWan: yuanToWan(r.target?.fundsTargetYuan) ?? undefined,
                  signedTargetWan: yuanToWan(r.target?.signedTargetYuan) ?? undefined,
                }}
                trigger={
                  <Button type="link" size="small" data-testid={`target-action-${r.region.code}`}>
                    {r.target ? t('targets.edit') : t('targets.set')}
                  </Button>
                }
                onSubmit={async (values) => {
                  const funds = wanToYuan(values.fundsTargetWan);
                  if (funds === null) throw new Error(t('projects.amountInvalid'));
                  await statsApi.setTarget(r.region.code, year, {
                    fundsTargetYuan: funds,
                    signedTargetYuan: wanToYuan(values.signedTargetWan),
                    reason: values.reason,
                  });
                  showSuccess(t('targets.saved'));
                  await client.invalidateQueries({ queryKey: ['target', r.region.code, year] });
                  void client.invalidateQueries({ queryKey: ['stats-summary'] });
                }}
              >
                <ProFormText
                  name="fundsTargetWan"
                  label={withWanUnit(t('targets.funds'))}
                  rules={[{ required: true, message: t('targets.fundsRequired') }, amountRule]}
                  fieldProps={{ suffix: unitWan(), inputMode: 'decimal' }}
                />
                <ProFormText
                  name="signedTargetWan"
                  label={withWanUnit(t('targets.signed'))}
                  rules={[amountRule]}
                  fieldProps={{ suffix: unitWan(), inputMode: 'decimal' }}
                />
              </ReasonModalForm>
            ),
          },
        ]}
      />
    </Card>
  );
}

import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { commitmentsApi, type Clause } from '../../api/commitments';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { formatWan } from '../../components/money';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ClauseDetail } from './ClauseDetail';
import { ClauseDialog } from './ClauseDialog';
import { ClauseHeading, DueCell } from './cells';
import { StatusTag } from './labels';

/** 政府承诺 of a project, clause by clause: status, trigger and due date, promised vs fulfilled; a row opens its detail and actions. */
export function CommitmentsTab({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const canManage = can(me, 'commitments.manage');
  const { data = [], refetch, isLoading } = useQuery({ queryKey: ['commitments', projectId], queryFn: () => commitmentsApi.ofProject(projectId) });
  const agreed = data.filter((c) => c.agreement === 'agreed' && c.status !== 'waived');
  const promised = agreed.reduce((s, c) => s + (c.amountYuan ?? 0), 0);
  const fulfilled = agreed.reduce((s, c) => s + c.fulfilledYuan, 0);

  return (
    <div data-testid="commitments-tab">
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        {canManage ? (
          <ClauseDialog
            projectId={projectId}
            onSaved={refetch}
            trigger={
              <Button type="primary" icon={<PlusOutlined />} data-testid="clause-add">
                {t('commitments.add')}
              </Button>
            }
          />
        ) : (
          <span />
        )}
        {data.length > 0 && (
          <Typography.Text type="secondary" data-testid="commitments-totals">
            {t('commitments.totals', { promised: formatWan(promised, '0'), fulfilled: formatWan(fulfilled, '0') })}
          </Typography.Text>
        )}
      </Space>
      <Table<Clause>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: <Empty description={canManage ? t('commitments.emptyManage') : t('commitments.empty')} /> }}
        expandable={{ expandedRowRender: (c) => <ClauseDetail clause={c} canManage={canManage} onChanged={refetch} />, expandRowByClick: phone }}
        onRow={(c) => ({ 'data-testid': 'clause-row', 'data-title': c.title } as React.HTMLAttributes<HTMLElement>)}
        columns={keyColumnsOnPhone(
          [
            { title: t('commitments.title'), key: 'title', render: (_: unknown, c) => <ClauseHeading t={t} c={c} /> },
            {
              title: t('commitments.statusCol'),
              key: 'status',
              width: 110,
              render: (_: unknown, c) => (
                <Space direction="vertical" size={2}>
                  <StatusTag t={t} status={c.status} testId="clause-status" />
                  {c.complaints.length > 0 && <Tag color="volcano">{t('commitments.complaintCount', { n: c.complaints.length })}</Tag>}
                </Space>
              ),
            },
            { title: t('commitments.due'), key: 'due', width: 200, render: (_: unknown, c) => <DueCell t={t} c={c} /> },
            {
              title: t('commitments.promisedFulfilled'),
              key: 'amounts',
              width: 170,
              align: 'right',
              render: (_: unknown, c) => (c.amountYuan === null ? t('commitments.noAmount') : `${formatWan(c.fulfilledYuan, '0')} / ${formatWan(c.amountYuan, '—')}`),
            },
            { title: t('commitments.responsible'), key: 'responsible', width: 150, render: (_: unknown, c) => `${c.responsibleDepartment} · ${c.responsibleName}` },
          ],
          ['title', 'status'],
          phone,
        )}
      />
    </div>
  );
}

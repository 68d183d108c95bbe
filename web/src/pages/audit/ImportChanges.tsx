import { useState } from 'react';
import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { importChangesApi, type ImportChange } from '../../api/import-changes';
import { useI18n, type Lang } from '../../i18n';
import { objectTypeLabel } from './actions';

/** Field names of the import history (the API's project and receipt fields). */
const FIELDS: Record<string, [zh: string, en: string]> = {
  code: ['项目编号', 'Code'],
  name: ['项目名称', 'Name'],
  regionCode: ['地区代码', 'Region'],
  investorName: ['投资方', 'Investor'],
  source: ['资金来源', 'Source'],
  industryCode: ['行业代码', 'Industry'],
  plannedInvestmentYuan: ['计划总投资（元）', 'Planned (yuan)'],
  signedAmountYuan: ['签约额（元）', 'Signed (yuan)'],
  signedDate: ['签约日期', 'Signed on'],
  agreedStartDate: ['约定开工日期', 'Agreed start'],
  startedDate: ['开工日期', 'Started on'],
  operatingDate: ['投产日期', 'Operating on'],
  stage: ['阶段', 'Stage'],
  leaderName: ['包联领导', 'Leader'],
  month: ['月份', 'Month'],
  amountYuan: ['金额（元）', 'Amount (yuan)'],
  note: ['备注', 'Note'],
  verified: ['已核实', 'Verified'],
};

/** A change's before or after: the object's fields (the answer types them as unknown JSON). */
const fieldsOf = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** "字段 旧 → 新" for each changed field; for a created object, its fields. */
export function describeFieldChanges(c: Pick<ImportChange, 'change' | 'before' | 'after'>, lang: Lang): string[] {
  const label = (k: string) => (FIELDS[k] ? FIELDS[k][lang === 'zh' ? 0 : 1] : k);
  const after = fieldsOf(c.after);
  if (c.change === 'create') return Object.entries(after).map(([k, v]) => `${label(k)}：${show(v)}`);
  const before = fieldsOf(c.before);
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${label(k)}：${show(before[k])} → ${show(after[k])}`);
}

/** The objects one import created or changed (shown under its audit entry). */
export function ImportChanges({ importId }: { importId: string }) {
  const { lang } = useI18n();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, isLoading } = useQuery({ queryKey: ['import-changes', importId, page], queryFn: () => importChangesApi.list(importId, page, pageSize) });
  const zh = lang === 'zh';
  return (
    <div data-testid="import-changes" style={{ marginTop: 12 }}>
      <Typography.Text strong>
        {zh ? `本次导入新建或修改的对象（共 ${data?.total ?? 0} 个；导入后未变的不列出）` : `Objects this import created or changed (${data?.total ?? 0}; unchanged ones are not listed)`}
      </Typography.Text>
      <Table<ImportChange>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: zh ? '对象' : 'Object', dataIndex: 'objectType', width: 100, render: (_: unknown, c) => objectTypeLabel(c.objectType, lang) },
          { title: zh ? '项目' : 'Project', dataIndex: 'projectCode', width: 220, render: (_: unknown, c) => `${c.projectCode ?? '—'} ${c.projectName ?? ''}` },
          {
            title: zh ? '变更' : 'Change',
            dataIndex: 'change',
            width: 80,
            render: (_: unknown, c) => (c.change === 'create' ? <Tag color="green">{zh ? '新建' : 'Created'}</Tag> : <Tag color="blue">{zh ? '修改' : 'Changed'}</Tag>),
          },
          {
            title: zh ? '字段（修改前 → 修改后）' : 'Fields (before → after)',
            dataIndex: 'after',
            render: (_: unknown, c) => (
              <div>
                {describeFieldChanges(c, lang).map((line) => (
                  <div key={line}>{line}</div>
                ))}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}

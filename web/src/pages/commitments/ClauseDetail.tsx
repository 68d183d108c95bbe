import { Descriptions, Empty, List, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Clause } from '../../api/commitments';
import { evidenceApi } from '../../api/evidence';
import { downloadFile } from '../../components/download';
import { formatWan } from '../../components/money';
import { useI18n, type Translate } from '../../i18n';
import { ClauseActions } from './ClauseActions';
import { describeTrigger, reviewState } from './labels';

function obligationText(t: Translate, o: { target: number | null; actual: number | null }, money: boolean): string | null {
  if (o.target === null) return null;
  const show = (v: number | null) => (money ? formatWan(v, t('commitments.unknown')) : v === null ? t('commitments.unknown') : String(v));
  return t('commitments.obligation.targetActual', { target: show(o.target), actual: show(o.actual) });
}

function Obligations({ t, c }: { t: Translate; c: Clause }) {
  const o = c.obligations;
  const rows = [
    ['investment', obligationText(t, o.investmentYuan, true)],
    ['output', obligationText(t, o.outputYuan, true)],
    ['taxes', obligationText(t, o.taxesYuan, true)],
    ['jobs', obligationText(t, o.jobs, false)],
  ] as const;
  const set = rows.filter(([, v]) => v !== null);
  if (set.length === 0) return <>{t('commitments.obligation.none')}</>;
  return (
    <Space direction="vertical" size={0}>
      {set.map(([k, v]) => (
        <span key={k}>{`${t(`commitments.obligation.${k}`)}：${v}`}</span>
      ))}
      {o.state && <Tag color={o.state === 'met' ? 'success' : o.state === 'unmet' ? 'error' : 'default'}>{t(`commitments.obligation.state.${o.state}`)}</Tag>}
    </Space>
  );
}

/** A clause's terms, review, fulfilments with their evidence, complaints (masked) and history; the actions for those who manage. */
export function ClauseDetail({ clause: c, canManage, onChanged }: { clause: Clause; canManage: boolean; onChanged: () => Promise<unknown> }) {
  const { t } = useI18n();
  const review = reviewState(t, c);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="clause-detail">
      {canManage && <ClauseActions clause={c} onChanged={onChanged} />}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('commitments.responsible')}>
          <span data-testid="clause-responsible">{`${c.responsibleDepartment} · ${c.responsibleName}`}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('commitments.content')}>{c.content ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('commitments.conditions')}>{c.conditions ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('commitments.triggerKind')}>{describeTrigger(t, c)}</Descriptions.Item>
        <Descriptions.Item label={t('commitments.deadline')}>
          {c.deadline ? t('commitments.deadlineText', { due: c.dueDate ?? '—', deadline: c.deadline, n: c.graceWorkingDays }) : t('commitments.notTriggered')}
        </Descriptions.Item>
        <Descriptions.Item label={t('commitments.policyBasis')}>{c.policyBasis ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('commitments.review')}>
          {review ? (
            <Space direction="vertical" size={0}>
              <Tag color={review.color}>{review.text}</Tag>
              {c.reviewSubmitted && <Typography.Text type="secondary">{t('commitments.review.submittedBy', { name: c.reviewSubmitted.byName, at: dayjs(c.reviewSubmitted.at).format('YYYY-MM-DD') })}</Typography.Text>}
              {c.reviewNote && <span>{c.reviewNote}</span>}
            </Space>
          ) : (
            t('commitments.review.notNeeded')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('commitments.obligations')}>
          <Obligations t={t} c={c} />
        </Descriptions.Item>
        {c.manualReason && <Descriptions.Item label={t('commitments.manualReason')}>{c.manualReason}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        size="small"
        items={[
          {
            key: 'fulfilments',
            label: t('commitments.fulfilments', { n: c.fulfilments.length }),
            children: (
              <List
                size="small"
                dataSource={c.fulfilments}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('commitments.fulfilmentsEmpty')} /> }}
                renderItem={(f) => (
                  <List.Item data-testid="fulfilment-row">
                    <Space wrap>
                      <span>{f.fulfilledOn}</span>
                      <strong>{f.amountYuan !== null ? formatWan(f.amountYuan, '—') : f.complete ? t('commitments.fulfil.complete') : '—'}</strong>
                      {f.note && <span>{f.note}</span>}
                      {f.evidenceFileId && (
                        <Typography.Link onClick={() => f.evidenceFileId && void downloadFile(evidenceApi.downloadUrl(f.evidenceFileId), 'evidence')}>{t('commitments.fulfil.evidenceLink')}</Typography.Link>
                      )}
                      <Typography.Text type="secondary">{f.recordedByName}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ),
          },
          {
            key: 'complaints',
            label: t('commitments.complaints', { n: c.complaints.length }),
            children: (
              <List
                size="small"
                data-testid="clause-complaints"
                dataSource={c.complaints}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('commitments.complaintsEmpty')} /> }}
                renderItem={(k) => (
                  <List.Item data-testid="clause-complaint">
                    <Space direction="vertical" size={0}>
                      <Space wrap>
                        <span>{k.receivedOn}</span>
                        <span>{k.investorName}</span>
                        <Tag>{t(`commitments.complaintStage.${k.stage}`)}</Tag>
                        <Typography.Text type="secondary">{t('commitments.complaintDue', { date: k.closeDueOn })}</Typography.Text>
                      </Space>
                      <Typography.Text>{k.excerpt}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ),
          },
          {
            key: 'history',
            label: t('commitments.history'),
            children: (
              <Timeline
                style={{ marginTop: 12 }}
                items={c.history.map((h) => ({
                  children: (
                    <Space direction="vertical" size={0}>
                      <span>
                        {dayjs(h.at).format('YYYY-MM-DD HH:mm')} · {h.actorName} · {h.detail ?? h.event}
                        {h.toStatus && h.fromStatus !== h.toStatus && ` → ${t(`commitments.status.${h.toStatus as Clause['status']}`)}`}
                      </span>
                      {h.reason && <Typography.Text type="secondary">{t('commitments.historyReason', { reason: h.reason })}</Typography.Text>}
                    </Space>
                  ),
                }))}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

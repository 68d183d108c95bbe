import { Button, Space } from 'antd';
import { ModalForm, ProFormRadio, ProFormTextArea } from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import { commitmentsApi, type Clause } from '../../api/commitments';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';
import { ClauseDialog } from './ClauseDialog';
import { FulfilmentDialog } from './FulfilmentDialog';
import { ReassignDialog } from './ReassignDialog';

const DISPUTABLE: readonly Clause['status'][] = ['pending', 'due', 'partly', 'overdue'];

/** What an officer with commitments.manage can do with a clause now: the buttons follow its agreement, review and status. */
export function ClauseActions({ clause: c, onChanged }: { clause: Clause; onChanged: () => Promise<unknown> }) {
  const { t } = useI18n();
  const done = async () => {
    showSuccess(t('common.success'));
    await onChanged();
  };
  const draft = c.agreement === 'draft';
  const canAgree = !c.reviewRequired || c.reviewDecision === 'approved';
  const small = { size: 'small' as const };
  return (
    <Space wrap size={[8, 8]} data-testid="clause-actions">
      {c.agreement === 'agreed' && c.status !== 'waived' && c.status !== 'fulfilled' && (
        <FulfilmentDialog clause={c} onSaved={onChanged} trigger={<Button {...small} type="primary" data-testid="clause-fulfil">{t('commitments.fulfil.action')}</Button>} />
      )}
      <ClauseDialog projectId={c.projectId} clause={c} onSaved={onChanged} trigger={<Button {...small}>{t('commitments.edit')}</Button>} />
      <ReassignDialog clause={c} onSaved={onChanged} trigger={<Button {...small} data-testid="clause-reassign">{t('commitments.reassign.action')}</Button>} />
      {draft && c.reviewRequired && c.reviewDecision !== 'approved' && (
        <Button
          {...small}
          data-testid="clause-submit-review"
          onClick={async () => {
            try {
              await commitmentsApi.submitReview(c.id, c.version);
            } catch {
              return;
            }
            await done();
          }}
        >
          {t('commitments.review.submit')}
        </Button>
      )}
      {draft && c.reviewRequired && c.reviewSubmitted && c.reviewDecision !== 'approved' && (
        <ModalForm<{ decision: 'approved' | 'rejected'; note: string }>
          title={t('commitments.review.decide')}
          width={480}
          initialValues={{ decision: 'approved' }}
          modalProps={{ destroyOnClose: true }}
          trigger={<Button {...small} data-testid="clause-review">{t('commitments.review.decide')}</Button>}
          onFinish={async (v) => {
            try {
              await commitmentsApi.review(c.id, { decision: v.decision, note: v.note.trim(), version: c.version });
            } catch {
              return false;
            }
            await done();
            return true;
          }}
        >
          <ProFormRadio.Group
            name="decision"
            label={t('commitments.review.decision')}
            extra={t('commitments.review.fourEyes')}
            options={[
              { value: 'approved', label: t('commitments.review.approve') },
              { value: 'rejected', label: t('commitments.review.reject') },
            ]}
          />
          <ProFormTextArea name="note" label={t('commitments.review.note')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 2000 }} />
        </ModalForm>
      )}
      {draft && canAgree && (
        <Button
          {...small}
          data-testid="clause-agree"
          onClick={async () => {
            try {
              await commitmentsApi.agree(c.id, c.version);
            } catch {
              return;
            }
            await done();
          }}
        >
          {t('commitments.agree')}
        </Button>
      )}
      {!draft && DISPUTABLE.includes(c.status) && (
        <ReasonModalForm
          title={t('commitments.dispute')}
          trigger={<Button {...small}>{t('commitments.dispute')}</Button>}
          onSubmit={async ({ reason }) => {
            await commitmentsApi.changeStatus(c.id, { action: 'dispute', reason, version: c.version });
            await done();
          }}
        />
      )}
      {!draft && (DISPUTABLE.includes(c.status) || c.status === 'disputed') && (
        <ReasonModalForm
          danger
          title={t('commitments.waive')}
          trigger={<Button {...small} danger>{t('commitments.waive')}</Button>}
          onSubmit={async ({ reason }) => {
            await commitmentsApi.changeStatus(c.id, { action: 'waive', reason, version: c.version });
            await done();
          }}
        />
      )}
      {!draft && (c.status === 'disputed' || c.status === 'waived') && (
        <ReasonModalForm
          title={t('commitments.clear')}
          trigger={<Button {...small}>{t('commitments.clear')}</Button>}
          onSubmit={async ({ reason }) => {
            await commitmentsApi.changeStatus(c.id, { action: 'clear', reason, version: c.version });
            await done();
          }}
        />
      )}
      {draft && (
        <ReasonModalForm
          danger
          title={t('commitments.delete')}
          trigger={<Button {...small} danger>{t('commitments.delete')}</Button>}
          onSubmit={async ({ reason }) => {
            await commitmentsApi.remove(c.id, reason);
            await done();
          }}
        />
      )}
    </Space>
  );
}

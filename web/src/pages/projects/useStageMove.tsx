import { useState, type ReactNode } from 'react';
import { Alert, Checkbox, Empty, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { evidenceApi } from '../../api/evidence';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { formatTime } from '../../components/labels';
import { EvidenceUpload } from './EvidenceUpload';
import { ApiError, showError, showSuccess } from '../../api/client';
import { PIPELINE, projectsApi, type Project, type Stage, type StageMoveBody } from '../../api/projects';
import { useI18n } from '../../i18n';
import { fieldDetails } from './ProjectForm';
import { stageName } from './labels';

type Pending = { project: Pick<Project, 'id' | 'name' | 'stage' | 'version'>; to: Stage; kind: 'back' | 'terminate' };
type Refusal = { projectId: string; to: Stage; items: { field: string; message: string }[]; message: string };
type Extra = Pick<StageMoveBody, 'note' | 'terminationReason'>;
/** A move refused because the stage needs evidence: pick or upload some, then retry. */
type EvidenceNeed = { project: Pick<Project, 'id' | 'version'>; to: Stage; extra: Extra; message: string };

function EvidencePicker({ projectId, selected, onChange }: { projectId: string; selected: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { data = [], refetch, isLoading } = useQuery({ queryKey: ['evidence', projectId], queryFn: () => evidenceApi.list(projectId) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        bordered
        loading={isLoading}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.noneYet')} /> }}
        dataSource={data}
        renderItem={(e) => (
          <List.Item>
            <Checkbox
              checked={selected.includes(e.id)}
              onChange={(ev) => onChange(ev.target.checked ? [...selected, e.id] : selected.filter((x) => x !== e.id))}
            >
              {`${t(`evidence.kind.${e.kind}`)} · ${e.fileName}`}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                {formatTime(e.uploadedAt)}
              </Typography.Text>
            </Checkbox>
          </List.Item>
        )}
      />
      {can(me, 'evidence.upload') && (
        <EvidenceUpload
          projectId={projectId}
          onUploaded={(saved) => {
            onChange([...selected, saved.id]);
            void refetch();
          }}
        />
      )}
    </Space>
  );
}

/**
 * Moving a project between stages: forward moves go straight to the server; a move back asks for a note,
 * termination for a reason; a refusal lists what the stage still needs with links to the edit form.
 */
/** `onChanged` gets the moved project, or nothing when the data should simply be reloaded. */
export function useStageMove(onChanged: (project?: Project) => void) {
  const { t } = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [evidenceNeed, setEvidenceNeed] = useState<EvidenceNeed | null>(null);
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [form] = Form.useForm<{ text: string }>();

  const send = async (
    project: Pick<Project, 'id' | 'version'>,
    to: Stage,
    extra: Extra,
    withEvidence?: string[],
  ): Promise<boolean> => {
    try {
      const moved = await projectsApi.moveStage(project.id, {
        to,
        version: project.version,
        ...extra,
        ...(withEvidence?.length ? { evidenceIds: withEvidence } : {}),
      });
      showSuccess(t('kanban.moved', { stage: stageName(t, to) }));
      onChanged(moved);
      return true;
    } catch (err) {
      const items = fieldDetails(err);
      if (err instanceof ApiError && err.status === 400 && items.some((i) => i.field === 'evidenceIds')) {
        if (!withEvidence) setEvidenceIds([]);
        setEvidenceNeed({ project, to, extra, message: err.message });
      } else if (err instanceof ApiError && err.status === 400 && items.length) {
        setRefusal({ projectId: project.id, to, items, message: err.message });
      } else {
        showError(err);
        // a stale version or a vanished project: show the current state
        if (err instanceof ApiError && (err.status === 409 || err.status === 404)) onChanged();
      }
      return false;
    }
  };

  const move = async (project: Pick<Project, 'id' | 'name' | 'stage' | 'version'>, to: Stage) => {
    if (project.stage === to) return;
    if (to === 'terminated') {
      form.resetFields();
      setPending({ project, to, kind: 'terminate' });
      return;
    }
    const from = PIPELINE.indexOf(project.stage);
    const target = PIPELINE.indexOf(to);
    if (project.stage === 'terminated' || target < from) {
      form.resetFields();
      setPending({ project, to, kind: 'back' });
      return;
    }
    await send(project, to, {});
  };

  const dialogs: ReactNode = (
    <>
      <Modal
        open={evidenceNeed !== null}
        title={t('evidence.neededTitle', { stage: evidenceNeed ? stageName(t, evidenceNeed.to) : '' })}
        okText={t('evidence.retry')}
        okButtonProps={{ disabled: evidenceIds.length === 0, loading: busy }}
        onCancel={() => setEvidenceNeed(null)}
        destroyOnClose
        onOk={async () => {
          if (!evidenceNeed) return;
          setBusy(true);
          const ok = await send(evidenceNeed.project, evidenceNeed.to, evidenceNeed.extra, evidenceIds);
          setBusy(false);
          if (ok) setEvidenceNeed(null);
          else setEvidenceNeed((cur) => (cur && cur === evidenceNeed ? null : cur));
        }}
      >
        <div data-testid="evidence-needed">
          <Alert type="warning" showIcon message={evidenceNeed?.message} style={{ marginBottom: 12 }} />
          <Typography.Paragraph>{t('evidence.neededBody')}</Typography.Paragraph>
          {evidenceNeed && <EvidencePicker projectId={evidenceNeed.project.id} selected={evidenceIds} onChange={setEvidenceIds} />}
        </div>
      </Modal>
      <Modal
        open={pending !== null}
        title={
          pending?.kind === 'terminate'
            ? t('kanban.terminateTitle', { name: pending.project.name })
            : t('kanban.backTitle', { stage: pending ? stageName(t, pending.to) : '' })
        }
        okButtonProps={{ danger: pending?.kind === 'terminate', loading: busy }}
        onCancel={() => setPending(null)}
        destroyOnClose
        onOk={async () => {
          if (!pending) return;
          const { text } = await form.validateFields();
          setBusy(true);
          const extra = pending.kind === 'terminate' ? { terminationReason: text.trim(), note: text.trim() } : { note: text.trim() };
          await send(pending.project, pending.to, extra);
          setBusy(false);
          setPending(null);
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="text"
            label={pending?.kind === 'terminate' ? t('kanban.terminateReason') : t('kanban.backNote')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: pending?.kind === 'terminate' ? t('kanban.terminateReasonRequired') : t('kanban.backNoteRequired'),
              },
            ]}
          >
            <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={refusal !== null}
        title={t('kanban.refusedTitle', { stage: refusal ? stageName(t, refusal.to) : '' })}
        onCancel={() => setRefusal(null)}
        onOk={() => setRefusal(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <div data-testid="stage-refusal">
          <Typography.Paragraph>{t('kanban.refusedBody')}</Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={refusal?.items ?? []}
            renderItem={(item) => (
              <List.Item
                actions={[
                  <Link key="fill" to={`/projects/${refusal?.projectId}?edit=${encodeURIComponent(item.field)}`} onClick={() => setRefusal(null)}>
                    {t('kanban.fillIn')}
                  </Link>,
                ]}
              >
                {item.message}
              </List.Item>
            )}
          />
        </div>
      </Modal>
    </>
  );

  return { move, dialogs };
}

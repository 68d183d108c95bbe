import { useState, type ReactNode } from 'react';
import { Form, Input, List, Modal, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError, showError, showSuccess } from '../../api/client';
import { PIPELINE, projectsApi, type Project, type Stage } from '../../api/projects';
import { useI18n } from '../../i18n';
import { fieldDetails } from './ProjectForm';
import { stageName } from './labels';

type Pending = { project: Pick<Project, 'id' | 'name' | 'stage' | 'version'>; to: Stage; kind: 'back' | 'terminate' };
type Refusal = { projectId: string; to: Stage; items: { field: string; message: string }[]; message: string };

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
  const [form] = Form.useForm<{ text: string }>();

  const send = async (
    project: Pick<Project, 'id' | 'version'>,
    to: Stage,
    extra: { note?: string; terminationReason?: string },
  ): Promise<boolean> => {
    try {
      const moved = await projectsApi.moveStage(project.id, { to, version: project.version, ...extra });
      showSuccess(t('kanban.moved', { stage: stageName(t, to) }));
      onChanged(moved);
      return true;
    } catch (err) {
      const items = fieldDetails(err);
      if (err instanceof ApiError && err.status === 400 && items.length) {
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

import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { chainRoadmapApi, type Roadmap } from '../../../api/chain-roadmap';
import { useI18n } from '../../../i18n';
import { ColleagueSelect } from '../../projects/ColleagueSelect';

interface Props {
  roadmap: Roadmap;
  /** the region defining the chain: the leader is an active account of it or below */
  definedBy: string;
  onSaved: () => void;
}

/** 设置链长: a colleague picker in a dialog; empty removes the leader. The server checks who may set it and who may be it. */
export function LeaderButton({ roadmap, definedBy, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState<string | null>(roadmap.leader?.id ?? null);
  const save = useMutation({
    mutationFn: () => chainRoadmapApi.setLeader(roadmap.chain.code, userId),
    onSuccess: () => {
      void message.success(t('dashboard.leader.saved'));
      setOpen(false);
      onSaved();
    },
  });
  const known = roadmap.leader ? [{ value: roadmap.leader.id, label: roadmap.leader.displayName }] : [];
  return (
    <>
      <Button
        size="small"
        data-testid="set-leader"
        onClick={() => {
          setUserId(roadmap.leader?.id ?? null);
          save.reset();
          setOpen(true);
        }}
      >
        {t('dashboard.leader.set')}
      </Button>
      <Modal
        open={open}
        title={t('dashboard.leader.title', { chain: roadmap.chain.name })}
        okText={t('roadmap.done')}
        okButtonProps={{ loading: save.isPending }}
        onOk={() => save.mutate()}
        onCancel={() => setOpen(false)}
        destroyOnClose
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('dashboard.leader.hint', { region: definedBy })}</Typography.Text>
          <ColleagueSelect
            ariaLabel={t('dashboard.leader.set')}
            testId="leader-select"
            width="100%"
            placeholder={t('dashboard.leader.placeholder')}
            known={known}
            value={userId}
            onChange={setUserId}
          />
          {save.error && <Alert type="error" showIcon role="alert" message={save.error instanceof Error ? save.error.message : String(save.error)} data-testid="leader-error" />}
        </Space>
      </Modal>
    </>
  );
}

import { useState } from 'react';
import { Button, Space } from 'antd';
import { CheckCircleOutlined, DislikeOutlined, FlagOutlined, LikeOutlined, PhoneOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, showSuccess } from '../../api/client';
import { FEEDBACK_KINDS, targetsApi, type FeedbackKind, type ScoredTarget } from '../../api/targets';
import { useI18n, type MessageKey } from '../../i18n';

interface Props {
  item: ScoredTarget;
  chain: string;
  node: string;
}

const FEEDBACK_ICONS = { irrelevant: <DislikeOutlined />, contacted: <PhoneOutlined />, goodLead: <LikeOutlined /> } as const;

/** 认领 and the three feedback buttons of one candidate (targeting.manage only). */
export function CandidateActions({ item, chain, node }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [given, setGiven] = useState<FeedbackKind | null>(null);
  const enterprise = item.enterprise.creditCode ?? item.enterprise.id;
  const claim = useMutation({
    mutationFn: () => targetsApi.claim({ chain, node, enterprise }),
    onSuccess: () => {
      showSuccess(t('targets.claimed', { name: item.enterprise.name }));
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
    // claimed elsewhere meanwhile: the message names who; the list then shows the claim
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
  const feedback = useMutation({
    mutationFn: (kind: FeedbackKind) => targetsApi.feedback({ chain, node, enterprise, kind }),
    onSuccess: (_, kind) => {
      setGiven(kind);
      showSuccess(t('targets.feedbackSaved'));
    },
  });
  return (
    <Space size={[8, 8]} wrap data-testid="target-actions">
      {!item.claim && (
        <Button type="primary" size="small" icon={<FlagOutlined />} loading={claim.isPending} onClick={() => claim.mutate()} data-testid="target-claim">
          {t('targets.claim')}
        </Button>
      )}
      {FEEDBACK_KINDS.map((kind) => (
        <Button
          key={kind}
          size="small"
          icon={given === kind ? <CheckCircleOutlined /> : FEEDBACK_ICONS[kind]}
          type={given === kind ? 'primary' : 'default'}
          ghost={given === kind}
          aria-pressed={given === kind}
          loading={feedback.isPending && feedback.variables === kind}
          onClick={() => feedback.mutate(kind)}
          data-testid={`target-feedback-${kind}`}
        >
          {t(`targets.feedback.${kind}` as MessageKey)}
        </Button>
      ))}
    </Space>
  );
}

import { Tag } from 'antd';
import type { TargetStatus } from '../../api/targets';
import type { MessageKey, Translate } from '../../i18n';

const STATUS_COLORS: Record<TargetStatus, string> = {
  new: 'default',
  contacted: 'blue',
  visited: 'cyan',
  negotiating: 'gold',
  signed: 'green',
  dropped: 'red',
};

export function targetStatusName(t: Translate, status: TargetStatus): string {
  return t(`targets.status.${status}` as MessageKey);
}

/** A target's status as a coloured tag, in words. */
export function TargetStatusTag({ t, status }: { t: Translate; status: TargetStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} bordered={false} style={{ marginInlineEnd: 0 }} data-testid="target-status">
      {targetStatusName(t, status)}
    </Tag>
  );
}

/** The query string of the scored candidates of a node. */
export function scoredPath(chain: string, node: string): string {
  return `/targets/scored?${new URLSearchParams({ chain, node }).toString()}`;
}

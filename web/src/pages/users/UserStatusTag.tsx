import { Tag } from 'antd';
import type { User } from '../../api/types';
import { formatTime, isLocked } from '../../components/labels';
import { useI18n } from '../../i18n';

/** 正常 / 停用 / 锁定至…: a lock shows even on an active account, since it blocks login. */
export function UserStatusTag({ user }: { user: User }) {
  const { t } = useI18n();
  if (user.status === 'disabled') return <Tag>{t('users.status.disabled')}</Tag>;
  if (isLocked(user.lockedUntil)) {
    return <Tag color="orange">{t('users.lockedUntil', { time: formatTime(user.lockedUntil) })}</Tag>;
  }
  return <Tag color="green">{t('users.status.active')}</Tag>;
}

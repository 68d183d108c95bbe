import { useState } from 'react';
import { AimOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import type { MAX_CLAIM_FROM_LIST } from '../../../../src/contracts/targets';
import { targetsApi } from '../../api/targets';
import { useI18n } from '../../i18n';
import { ClaimTargetsModal } from '../targets/ClaimTargetsModal';

/** The server claims at most this many at once. */
const MAX_AT_ONCE = 200 satisfies typeof MAX_CLAIM_FROM_LIST;

interface Props {
  listId: string;
  memberCount: number;
  /** the chosen members (enterprise ids); none = the whole list */
  chosen: string[];
}

/**
 * 认领为招商目标: the list's members (or the chosen ones) as targets of the user's region for a chain node, through the
 * one claim rule; the answer lists each enterprise as claimed or not claimed with the reason (local firm, claimed by
 * another region …).
 */
export function ClaimFromListButton({ listId, memberCount, chosen }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const tooMany = chosen.length === 0 && memberCount > MAX_AT_ONCE;
  const what = chosen.length ? t('entLists.claimChosen', { n: chosen.length }) : t('entLists.claimAll', { n: memberCount });

  return (
    <>
      <Button icon={<AimOutlined />} disabled={memberCount === 0} onClick={() => setOpen(true)} data-testid="claim-from-list">
        {chosen.length ? t('entLists.claimN', { n: chosen.length }) : t('entLists.claim')}
      </Button>
      <ClaimTargetsModal
        open={open}
        onClose={() => setOpen(false)}
        title={t('entLists.claimTitle')}
        hint={t('entLists.claimHint', { what })}
        blocked={tooMany}
        submit={(chain, node) => targetsApi.claimFromList(listId, { chain, node, ...(chosen.length ? { enterpriseIds: chosen } : {}) })}
      >
        {tooMany && <Alert type="warning" showIcon message={t('entLists.claimTooMany', { max: MAX_AT_ONCE })} />}
      </ClaimTargetsModal>
    </>
  );
}

import { useState } from 'react';
import { Button, Checkbox, Dropdown, Empty, Form, Input, InputNumber, Modal, Popconfirm, Space, Tag, Typography, type MenuProps } from 'antd';
import { AimOutlined, DeleteOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { showSuccess } from '../../api/client';
import { criteriaToSaved, enterpriseSearchApi, type EnterpriseCriteria, type SavedSearch } from '../../api/enterprises-search';
import type { MAX_CLAIM_FROM_SEARCH } from '../../../../src/contracts/targets';
import { can } from '../../access';
import { targetsApi } from '../../api/targets';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n';
import { ClaimTargetsModal } from '../targets/ClaimTargetsModal';

/** The server claims at most this many of a search's first matches at once. */
const MAX_CLAIM = 200 satisfies typeof MAX_CLAIM_FROM_SEARCH;

interface Props {
  current: EnterpriseCriteria;
  onApply: (criteria: EnterpriseCriteria) => void;
  /** may save and delete (enterprises.manage) */
  canManage: boolean;
  /** something to save: words or filters */
  canSave: boolean;
}

/** 保存的搜索: mine and those shared within my region; apply, delete mine, save the current one. */
export function SavedSearches({ current, onApply, canManage, canSave }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const { data = [], refetch } = useQuery({ queryKey: ['enterprise-saved-searches'], queryFn: enterpriseSearchApi.savedSearches });
  const canClaim = can(me, 'targeting.manage');
  /** the saved search whose first matches 认领为招商目标 claims, and how many */
  const [claiming, setClaiming] = useState<SavedSearch | null>(null);
  const [limit, setLimit] = useState<number | null>(50);
  const [menuOpen, setMenuOpen] = useState(false);

  const entry = (s: SavedSearch): NonNullable<MenuProps['items']>[number] => ({
    key: s.id,
    label: (
      <Space style={{ width: '100%', justifyContent: 'space-between', minWidth: 260 }}>
        <span>
          <span data-testid="saved-search">{s.name}</span>
          {s.shared && (
            <Tag bordered={false} color="cyan" style={{ marginInlineStart: 6 }}>
              {t('entSearch.shared')}
            </Tag>
          )}
          {!s.mine && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('entSearch.savedBy', { owner: s.ownerName, region: s.regionName })}
            </Typography.Text>
          )}
        </span>
        <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} role="presentation">
          {canClaim && (
            <Button
              type="text"
              size="small"
              icon={<AimOutlined />}
              aria-label={t('entSearch.claimSaved', { name: s.name })}
              title={t('entSearch.claimSaved', { name: s.name })}
              data-testid="saved-search-claim"
              onClick={() => {
                setMenuOpen(false);
                setClaiming(s);
              }}
            />
          )}
          {s.mine && canManage && (
            <Popconfirm
              title={t('entSearch.deleteSavedConfirm', { name: s.name })}
              onConfirm={async () => {
                await enterpriseSearchApi.deleteSavedSearch(s.id);
                showSuccess(t('common.success'));
                await refetch();
              }}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          )}
        </span>
      </Space>
    ),
    onClick: () => onApply(s.query),
  });

  const mine = data.filter((s) => s.mine);
  const others = data.filter((s) => !s.mine);
  const items: MenuProps['items'] = [];
  if (mine.length) items.push({ type: 'group', key: 'mine', label: t('entSearch.savedMine'), children: mine.map(entry) });
  if (others.length) items.push({ type: 'group', key: 'shared', label: t('entSearch.savedShared'), children: others.map(entry) });
  if (!items.length) {
    items.push({
      key: 'none',
      disabled: true,
      label: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('entSearch.noSaved')} />,
    });
  }

  return (
    <>
      <Space.Compact>
        <Dropdown menu={{ items }} trigger={['click']} open={menuOpen} onOpenChange={setMenuOpen}>
          <Button icon={<StarOutlined />} data-testid="saved-searches">
            {t('entSearch.savedSearches')}
            {data.length > 0 ? ` (${data.length})` : ''}
          </Button>
        </Dropdown>
        {canManage && (
          <Button
            icon={<SaveOutlined />}
            disabled={!canSave}
            title={canSave ? t('entSearch.saveSearch') : t('entSearch.saveSearchEmpty')}
            aria-label={t('entSearch.saveSearch')}
            data-testid="save-search"
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
          >
            {t('entSearch.save')}
          </Button>
        )}
      </Space.Compact>
      <ClaimTargetsModal
        open={claiming !== null}
        onClose={() => setClaiming(null)}
        title={t('entSearch.claimSavedTitle', { name: claiming?.name ?? '' })}
        hint={t('entSearch.claimSavedHint', { max: MAX_CLAIM })}
        blocked={limit === null}
        submit={(chain, node) => targetsApi.claimFromSearch(claiming?.id ?? '', { chain, node, limit: limit ?? 1 })}
      >
        <Space wrap>
          <label htmlFor="claim-search-limit">{t('entSearch.claimSavedLimit')}</label>
          <InputNumber id="claim-search-limit" min={1} max={MAX_CLAIM} precision={0} value={limit} onChange={(v) => setLimit(v)} data-testid="saved-search-claim-limit" />
        </Space>
      </ClaimTargetsModal>
      <Modal
        open={open}
        title={t('entSearch.saveSearch')}
        okButtonProps={{ loading: saving }}
        onCancel={() => setOpen(false)}
        destroyOnClose
        onOk={async () => {
          const { name, shared } = await form.validateFields();
          setSaving(true);
          try {
            await enterpriseSearchApi.createSavedSearch({ name: name.trim(), query: criteriaToSaved(current), shared: shared ?? false });
            showSuccess(t('entSearch.savedOk', { name: name.trim() }));
            setOpen(false);
            await refetch();
          } catch {
            // the API client has shown the message
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ shared: false }}>
          <Form.Item
            name="name"
            label={t('entSearch.savedName')}
            extra={<Typography.Text type="secondary">{t('entSearch.savedNameHint')}</Typography.Text>}
            rules={[{ required: true, whitespace: true, message: t('entSearch.savedNameRequired') }]}
          >
            <Input maxLength={60} showCount />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('entSearch.sharedLabel', { region: me.regionName })}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

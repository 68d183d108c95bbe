import { useState } from 'react';
import { Button, Dropdown, Empty, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { showSuccess } from '../../api/client';
import { settingsApi } from '../../api/settings';
import { useI18n } from '../../i18n';

interface Props {
  page: string;
  /** The current filter, as stored. */
  current: () => Record<string, unknown>;
  onApply: (filter: Record<string, unknown>) => void;
}

/** 保存的筛选: save the current filter under a name, apply one, delete one. */
export function SavedFilters({ page, current, onApply }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const { data = [], refetch } = useQuery({ queryKey: ['saved-filters', page], queryFn: () => settingsApi.savedFilters(page) });

  const items = data.length
    ? data.map((f) => ({
        key: f.id,
        label: (
          <Space style={{ width: '100%', justifyContent: 'space-between', minWidth: 200 }}>
            <span data-testid="saved-filter">{f.name}</span>
            <span
              onClick={(e) => e.stopPropagation()}
              onKeyDown={(e) => e.stopPropagation()}
              role="presentation"
            >
              <Popconfirm
                title={t('projects.filterDeleteConfirm', { name: f.name })}
                onConfirm={async () => {
                  await settingsApi.deleteFilter(f.id);
                  showSuccess(t('common.success'));
                  await refetch();
                }}
              >
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            </span>
          </Space>
        ),
        onClick: () => onApply(f.filter),
      }))
    : [{ key: 'none', disabled: true, label: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.noSavedFilters')} /> }];

  return (
    <>
      <Space.Compact>
        <Dropdown menu={{ items }} trigger={['click']}>
          <Button icon={<FilterOutlined />}>{t('projects.savedFilters')}</Button>
        </Dropdown>
        <Button
          icon={<SaveOutlined />}
          aria-label={t('projects.saveFilter')}
          title={t('projects.saveFilter')}
          onClick={() => {
            form.resetFields();
            setOpen(true);
          }}
        />
      </Space.Compact>
      <Modal
        open={open}
        title={t('projects.saveFilter')}
        okButtonProps={{ loading: saving }}
        onCancel={() => setOpen(false)}
        destroyOnClose
        onOk={async () => {
          const { name } = await form.validateFields();
          setSaving(true);
          try {
            await settingsApi.saveFilter({ page, name: name.trim(), filter: current() });
            showSuccess(t('projects.filterSaved', { name: name.trim() }));
            setOpen(false);
            await refetch();
          } catch {
            // the API client has shown the message
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label={t('projects.filterName')}
            extra={<Typography.Text type="secondary">{t('projects.filterNameHint')}</Typography.Text>}
            rules={[{ required: true, whitespace: true, message: t('projects.filterNameRequired') }]}
          >
            <Input maxLength={40} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

import { useState } from 'react';
import { Alert, Button, Empty, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { showSuccess } from '../../api/client';
import { enterprisesApi, type MaskedContact, type RevealedContact } from '../../api/enterprises';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { formatTime } from '../../components/labels';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';
import { ContactsForm } from './ContactsForm';

interface Props {
  enterpriseKey: string;
  contacts: MaskedContact[];
  onChanged: () => Promise<void>;
}

/**
 * 联系人: masked everywhere. Revealing one contact is a separate, audited action (officer, leader);
 * the full values stay on this page until it is reloaded. Export (officer) is audited with the row count.
 */
export function ContactsTab({ enterpriseKey, contacts, onChanged }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const canReveal = can(me, 'contacts.reveal');
  const canManage = can(me, 'enterprises.manage');
  const canExport = can(me, 'contacts.export');
  const [revealed, setRevealed] = useState<Record<string, RevealedContact>>({});
  const [revealing, setRevealing] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const reveal = async (id: string) => {
    setRevealing(id);
    try {
      const full = await enterprisesApi.revealContact(id);
      setRevealed((prev) => ({ ...prev, [id]: full }));
    } finally {
      setRevealing(null);
    }
  };
  const hide = (id: string) =>
    setRevealed((prev) => {
      const next = { ...prev };
      delete next[id];
      return next;
    });
  const changed = () => void onChanged();
  const revealedCount = Object.keys(revealed).length;

  const shown = (c: MaskedContact, field: 'name' | 'phone' | 'email' | 'notes') => {
    const full = revealed[c.id];
    const value = full ? full[field] : c[field];
    if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
    return full ? (
      <Typography.Text strong={field !== 'notes'} copyable={field === 'phone' || field === 'email'} data-testid={`contact-${field}-full`}>
        {value}
      </Typography.Text>
    ) : (
      <span data-testid={`contact-${field}`}>{value}</span>
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="contacts-tab">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">
          <LockOutlined /> {canReveal ? t('contacts.maskedIntroReveal') : t('contacts.maskedIntro')}
        </Typography.Text>
        <Space wrap>
          {canExport && (
            <Popconfirm
              title={t('contacts.exportConfirmTitle')}
              description={<div style={{ maxWidth: 320 }}>{t('contacts.exportConfirm')}</div>}
              okText={t('contacts.export')}
              cancelText={t('common.cancel')}
              onConfirm={async () => {
                setExporting(true);
                try {
                  await downloadFile(enterprisesApi.contactsExportUrl({ enterprise: enterpriseKey }), '企业联系人.xlsx');
                } finally {
                  setExporting(false);
                }
              }}
            >
              <Button icon={<DownloadOutlined />} loading={exporting} disabled={contacts.length === 0}>
                {t('contacts.export')}
              </Button>
            </Popconfirm>
          )}
          {canManage && (
            <ContactsForm
              enterpriseKey={enterpriseKey}
              onSaved={changed}
              trigger={
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('contacts.add')}
                </Button>
              }
            />
          )}
        </Space>
      </Space>
      {revealedCount > 0 && (
        <Alert type="warning" showIcon data-testid="contacts-revealed-note" message={t('contacts.revealedNote', { n: revealedCount })} />
      )}
      {contacts.length === 0 ? (
        // no table without rows: a scrolling region with nothing to focus fails axe on a phone
        <Empty description={canManage ? t('contacts.emptyManage') : t('contacts.empty')} />
      ) : (
        <Table<MaskedContact>
          rowKey="id"
          size="small"
          dataSource={contacts}
          pagination={contacts.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 960 }}
          columns={[
            {
              title: t('contacts.name'),
              dataIndex: 'name',
              width: 100,
              render: (_: unknown, c) => (
                <Space size={4}>
                  {shown(c, 'name')}
                  {revealed[c.id] && (
                    <Tooltip title={t('contacts.revealedTag')}>
                      <EyeOutlined style={{ color: '#faad14' }} />
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: t('contacts.title'), dataIndex: 'title', width: 110, render: (_: unknown, c) => c.title ?? '—' },
            { title: t('contacts.phone'), dataIndex: 'phone', width: 140, render: (_: unknown, c) => shown(c, 'phone') },
            { title: t('contacts.email'), dataIndex: 'email', width: 190, render: (_: unknown, c) => shown(c, 'email') },
            { title: t('contacts.notes'), dataIndex: 'notes', ellipsis: true, render: (_: unknown, c) => shown(c, 'notes') },
            {
              title: t('contacts.recorded'),
              dataIndex: 'regionName',
              width: 150,
              render: (_: unknown, c) => (
                <Space direction="vertical" size={0}>
                  <span>{c.regionName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.createdByName ?? '—'} · {formatTime(c.createdAt).slice(0, 10)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 230,
              fixed: 'right',
              render: (_: unknown, c) => (
                <Space size={0} wrap>
                  {canReveal &&
                    (revealed[c.id] ? (
                      <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={() => hide(c.id)}>
                        {t('contacts.hide')}
                      </Button>
                    ) : (
                      <Popconfirm
                        title={t('contacts.revealConfirmTitle')}
                        description={<div style={{ maxWidth: 300 }}>{t('contacts.revealConfirm')}</div>}
                        okText={t('contacts.reveal')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => reveal(c.id)}
                      >
                        <Button type="link" size="small" icon={<EyeOutlined />} loading={revealing === c.id} data-testid="contact-reveal">
                          {t('contacts.reveal')}
                        </Button>
                      </Popconfirm>
                    ))}
                  {canManage && (
                    <ContactsForm
                      enterpriseKey={enterpriseKey}
                      contact={c}
                      revealed={revealed[c.id]}
                      onSaved={() => {
                        hide(c.id);
                        changed();
                      }}
                      trigger={
                        <Button type="link" size="small" icon={<EditOutlined />}>
                          {t('common.edit')}
                        </Button>
                      }
                    />
                  )}
                  {canManage && (
                    <ReasonModalForm
                      title={t('contacts.deleteTitle', { name: c.name })}
                      danger
                      trigger={
                        <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                          {t('common.delete')}
                        </Button>
                      }
                      onSubmit={async ({ reason }) => {
                        await enterprisesApi.deleteContact(c.id, reason);
                        showSuccess(t('contacts.deleted'));
                        hide(c.id);
                        changed();
                      }}
                    >
                      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('contacts.deleteHint')} />
                    </ReasonModalForm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {!canReveal && contacts.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('contacts.noRevealHint')}
        </Typography.Text>
      )}
    </Space>
  );
}

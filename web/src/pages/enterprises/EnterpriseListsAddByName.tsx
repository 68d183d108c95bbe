import { useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { showSuccess } from '../../api/client';
import { enterpriseSearchApi } from '../../api/enterprises-search';
import { useI18n } from '../../i18n';

const DEBOUNCE_MS = 300;
const OPTIONS = 20;

interface Picked {
  value: string;
  label: string;
}

/**
 * 按名称添加: type a name (or pinyin initials, or the start of a credit code) and pick enterprises from
 * the search's first results, several at once; they are added by id, so those without a credit code too.
 */
export function AddByNameButton({ listId, onAdded }: { listId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Picked[]>([]);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const handle = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(handle);
  }, [text]);

  const search = useQuery({
    queryKey: ['enterprise-pick', q],
    queryFn: () => enterpriseSearchApi.search({ q }, 1, OPTIONS),
    enabled: open && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = q ? (search.data?.items ?? []) : [];

  const close = () => {
    setOpen(false);
    setText('');
    setQ('');
    setPicked([]);
    setNote('');
    setError(null);
  };

  const add = async () => {
    if (picked.length === 0) {
      setError(t('entLists.pickRequired'));
      return;
    }
    setSaving(true);
    try {
      const res = await enterpriseSearchApi.addMembers(listId, { enterpriseIds: picked.map((p) => p.value), note: note.trim() || null });
      showSuccess(
        t('entLists.addedShort', { added: res.added, already: res.alreadyPresent }) + (res.notFound.length ? t('entLists.addedGone', { n: res.notFound.length }) : ''),
      );
      onAdded();
      close();
    } catch {
      // the API client has shown the message
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="add-by-name">
        {t('entLists.addByName')}
      </Button>
      <Modal
        title={t('entLists.addByNameTitle')}
        open={open}
        width={600}
        destroyOnClose
        okText={picked.length ? t('entLists.addPickedN', { n: picked.length }) : t('entLists.addOk')}
        okButtonProps={{ loading: saving }}
        onOk={() => void add()}
        onCancel={close}
      >
        <Form layout="vertical">
          <Form.Item label={t('entLists.pick')} required validateStatus={error ? 'error' : undefined} help={error ?? t('entLists.pickHint')}>
            <Select<Picked[]>
              mode="multiple"
              labelInValue
              showSearch
              autoFocus
              filterOption={false}
              value={picked}
              searchValue={text}
              onSearch={setText}
              // the search text is the page's state: a pick starts the next search afresh
              onSelect={() => setText('')}
              onChange={(v) => {
                setPicked(v);
                setError(null);
              }}
              placeholder={t('entLists.pickPlaceholder')}
              aria-label={t('entLists.pick')}
              data-testid="enterprise-picker"
              notFoundContent={search.isFetching ? <Spin size="small" /> : q ? t('entLists.pickNone') : t('entLists.pickTyping')}
              options={items.map((i) => ({ value: i.id, label: i.name }))}
              optionRender={(o) => {
                const i = items.find((x) => x.id === o.value);
                return (
                  <div data-testid="enterprise-option">
                    <div>{i?.name ?? o.label}</div>
                    <Space size={8} style={{ fontSize: 12 }}>
                      <Typography.Text type="secondary" style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}>
                        {i?.creditCode ?? t('entSearch.noCode')}
                      </Typography.Text>
                      {i?.regionName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.regionName}</Typography.Text>}
                    </Space>
                  </div>
                );
              }}
            />
          </Form.Item>
          <Form.Item label={t('entLists.note')} extra={t('entLists.noteHint')}>
            <Input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} aria-label={t('entLists.note')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

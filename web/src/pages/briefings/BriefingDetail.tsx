import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Empty, Input, List, Popconfirm, Row, Space, Statistic, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { briefingsApi, type Briefing } from '../../api/briefings';
import { showSuccess } from '../../api/client';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { PageLoading } from '../../components/PageLoading';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { activityPath } from '../activities/labels';
import { figureText, kindName, shanghaiDay } from './labels';

type Figure = Briefing['figures'][number];

/** The records a figure counts, each a link to its page. */
function FigureRecords({ id, figure, edition, onClose }: { id: string; figure: Figure | null; edition?: number; onClose: () => void }) {
  const { t } = useI18n();
  const phone = usePhone();
  const q = useQuery({ queryKey: ['briefings', 'records', id, figure?.key, edition], queryFn: () => briefingsApi.records(id, figure?.key ?? '', edition), enabled: figure !== null });
  return (
    <Drawer open={figure !== null} onClose={onClose} width={phone ? '100%' : 520} title={figure ? `${figure.label}（${figure.ids.length}）` : ''} data-testid="briefing-records">
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('briefings.noRecords')} /> }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={r.kind === 'activity' ? activityPath(r.id) : `/projects/${encodeURIComponent(r.id)}`}>{r.name}</Link>}
              description={`${r.code} · ${r.regionName} · ${r.detail}`}
            />
          </List.Item>
        )}
      />
      {q.data && q.data.missing > 0 && <Typography.Text type="secondary">{t('briefings.missingRecords', { n: q.data.missing })}</Typography.Text>}
    </Drawer>
  );
}

function Change({ f, previousWord }: { f: Figure; previousWord: string }) {
  const { t } = useI18n();
  if (f.change === null) return <Typography.Text type="secondary">{previousWord} —</Typography.Text>;
  if (f.change === 0) return <Typography.Text type="secondary">{previousWord} {figureText(f.unit, f.previous ?? 0)} · {t('briefings.flat')}</Typography.Text>;
  return (
    <Typography.Text type={f.change > 0 ? 'success' : 'danger'}>
      {previousWord} {figureText(f.unit, f.previous ?? 0)} · {f.change > 0 ? '+' : '−'}
      {figureText(f.unit, Math.abs(f.change))}
    </Typography.Text>
  );
}

/** One briefing: figures (each opens its records), the text an editor revises, 签发, revisions, downloads. */
export default function BriefingDetail() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const edition = Number(search.get('edition')) || undefined;
  const q = useQuery({ queryKey: ['briefings', 'detail', id, edition], queryFn: () => briefingsApi.get(id, edition) });
  const b = q.data;
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<Figure | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    if (b) setTexts(Object.fromEntries(b.sections.map((s) => [s.key, s.text])));
  }, [b]);
  const changed = useMemo(() => (b ? b.sections.filter((s) => (texts[s.key] ?? s.text) !== s.text).map((s) => ({ key: s.key, text: texts[s.key] ?? '' })) : []), [b, texts]);
  if (!b) return q.isLoading ? <PageLoading /> : <Empty />;

  const draft = b.status === 'draft' && b.shownEdition === null;
  const editable = draft && can(me, 'briefings.manage');
  const issuer = can(me, 'briefings.issue');
  const previousWord = t(`briefings.previous.${b.kind}`);
  const refresh = (next: Briefing) => {
    queryClient.setQueryData(['briefings', 'detail', id, edition], next);
    void queryClient.invalidateQueries({ queryKey: ['briefings', 'list'] });
  };
  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };
  const save = () =>
    run('save', async () => {
      refresh(await briefingsApi.update(b.id, b.version, changed));
      showSuccess(t('briefings.saved'));
    });
  const regenerate = () =>
    run('regenerate', async () => {
      refresh(await briefingsApi.generate({ regionCode: b.regionCode, kind: b.kind, date: b.periodStart }));
      showSuccess(t('briefings.regenerated'));
    });
  const issue = () =>
    run('issue', async () => {
      refresh(await briefingsApi.issue(b.id, b.version));
      showSuccess(t('briefings.issuedOk'));
    });
  const download = (format: 'docx' | 'pdf') =>
    run(format, () => downloadFile(briefingsApi.documentUrl(b.id, format, b.shownEdition ?? undefined), `${b.title}.${format}`));

  const actions = [
    <Button key="docx" icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => download('docx')} data-testid="briefing-docx">
      {t('briefings.docx')}
    </Button>,
    <Button key="pdf" icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => download('pdf')} data-testid="briefing-pdf">
      PDF
    </Button>,
  ];
  if (editable)
    actions.push(
      <Popconfirm key="regen" title={t('briefings.regenerateConfirm')} onConfirm={regenerate} okText={t('briefings.regenerate')}>
        <Button icon={<ReloadOutlined />} loading={busy === 'regenerate'} data-testid="briefing-regenerate">
          {t('briefings.regenerate')}
        </Button>
      </Popconfirm>,
    );
  if (draft && issuer)
    actions.push(
      <Popconfirm key="issue" title={t('briefings.issueConfirm')} description={changed.length > 0 ? t('briefings.unsaved') : undefined} onConfirm={issue} okText={t('briefings.issue')} okButtonProps={{ disabled: changed.length > 0 }}>
        <Button type="primary" loading={busy === 'issue'} data-testid="briefing-issue">
          {t('briefings.issue')}
        </Button>
      </Popconfirm>,
    );
  if (b.status === 'issued' && b.shownEdition === null && issuer)
    actions.push(
      <ReasonModalForm
        key="revise"
        title={t('briefings.revise')}
        trigger={<Button data-testid="briefing-revise">{t('briefings.revise')}</Button>}
        onSubmit={async (v) => {
          refresh(await briefingsApi.revise(b.id, b.version, v.reason));
          showSuccess(t('briefings.revised'));
        }}
      />,
    );

  const status =
    b.status === 'issued' ? (
      <Tag color="green" data-testid="briefing-status">
        {t('briefings.issuedNumber', { n: b.issueNumber ?? 0 })}
        {b.edition > 1 ? ` · ${t('briefings.editionN', { n: b.edition })}` : ''}
      </Tag>
    ) : (
      <Tag color="orange" data-testid="briefing-status">
        {b.edition > 1 ? t('briefings.draftEdition', { n: b.edition }) : t('briefings.status.draft')}
      </Tag>
    );

  return (
    <PageContainer title={b.title} subTitle={phone ? undefined : b.periodLabel} tags={status} onBack={() => navigate('/briefings')} extra={actions}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {phone && <Typography.Text type="secondary">{b.periodLabel}</Typography.Text>}
        {b.shownEdition !== null && (
          <Alert type="info" showIcon message={t('briefings.viewingEdition', { n: b.shownEdition })} action={<Button size="small" onClick={() => setSearch({})}>{t('briefings.backToCurrent')}</Button>} />
        )}
        <Card title={`${kindName(t, b.kind)} · ${t('briefings.figures')}`} extra={<Typography.Text type="secondary">{t('briefings.asOf', { date: b.asOf })}</Typography.Text>} styles={{ body: { padding: phone ? 12 : undefined } }}>
          <Row gutter={[12, 12]} data-testid="briefing-figures">
            {b.figures.map((f) => (
              <Col key={f.key} xs={12} sm={8} lg={6}>
                <Card size="small" hoverable onClick={() => setOpen(f)} data-testid={`figure-${f.key}`} role="button" tabIndex={0} aria-label={`${f.label} ${figureText(f.unit, f.value)}`} onKeyDown={(e) => (e.key === 'Enter' ? setOpen(f) : undefined)}>
                  <Statistic title={f.label} value={figureText(f.unit, f.value)} suffix={t(`briefings.unit.${f.unit === '元' ? 'wan' : 'count'}`, { unit: f.unit })} valueStyle={{ fontSize: phone ? 20 : 24 }} />
                  <Change f={f} previousWord={previousWord} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('briefings.figuresHint')}
          </Typography.Paragraph>
        </Card>
        <Card
          title={t('briefings.text')}
          extra={
            editable ? (
              <Button type="primary" disabled={changed.length === 0} loading={busy === 'save'} onClick={save} data-testid="briefing-save">
                {t('briefings.save')}
              </Button>
            ) : null
          }
          styles={{ body: { padding: phone ? 12 : undefined } }}
        >
          {b.revisionReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('briefings.revisionReason', { reason: b.revisionReason })} />}
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            {b.sections.map((s) => (
              <div key={s.key} data-testid={`section-${s.key}`}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {s.title} {s.edited && <Tag>{t('briefings.edited')}</Tag>}
                </Typography.Title>
                {editable ? (
                  <Input.TextArea aria-label={s.title} autoSize={{ minRows: 2, maxRows: 12 }} value={texts[s.key] ?? s.text} onChange={(e) => setTexts({ ...texts, [s.key]: e.target.value })} />
                ) : (
                  s.text.split('\n').map((p, i) => (
                    <Typography.Paragraph key={i} style={{ textIndent: '2em', marginBottom: 4 }}>
                      {p}
                    </Typography.Paragraph>
                  ))
                )}
              </div>
            ))}
          </Space>
        </Card>
        <Card title={t('briefings.editions')} data-testid="briefing-editions">
          {b.editions.length === 0 ? (
            <Typography.Text type="secondary">{t('briefings.noEditions')}</Typography.Text>
          ) : (
            <List
              dataSource={b.editions}
              renderItem={(e) => (
                <List.Item
                  actions={[
                    <Link key="view" to={`?edition=${e.edition}`}>
                      {t('briefings.view')}
                    </Link>,
                    <Button key="docx" type="link" size="small" onClick={() => void downloadFile(briefingsApi.documentUrl(b.id, 'docx', e.edition), `${b.title}.docx`)}>
                      docx
                    </Button>,
                    <Button key="pdf" type="link" size="small" onClick={() => void downloadFile(briefingsApi.documentUrl(b.id, 'pdf', e.edition), `${b.title}.pdf`)}>
                      PDF
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={`${t('briefings.issuedNumber', { n: e.issueNumber })} · ${t('briefings.editionN', { n: e.edition })}`}
                    description={`${e.issuedByName} ${shanghaiDay(e.issuedAt)}${e.revisionReason ? ` · ${e.revisionReason}` : ''}`}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Space>
      <FigureRecords id={b.id} figure={open} edition={b.shownEdition ?? undefined} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}

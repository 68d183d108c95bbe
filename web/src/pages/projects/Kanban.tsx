import { useState, type DragEvent } from 'react';
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PIPELINE, type Project, type Stage } from '../../api/projects';
import { formatYuan } from '../../components/money';
import { useI18n } from '../../i18n';
import { KeyMark, LightDot, STAGE_COLORS, stageName } from './labels';

interface Props {
  projects: readonly Project[];
  /** Totals per stage for the whole filter (the board may show fewer cards). */
  stageCounts: Partial<Record<Stage, number>>;
  canMove: boolean;
  onMove: (project: Project, to: Stage) => void;
}

const DRAG_TYPE = 'application/x-yinfeng-project';

function ProjectCard({ project, canMove }: { project: Project; canMove: boolean }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      draggable={canMove}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData(DRAG_TYPE, project.id);
        e.dataTransfer.setData('text/plain', project.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      data-testid="kanban-card"
      data-project-code={project.code}
      style={{ marginBottom: 8, cursor: canMove ? 'grab' : 'default' }}
      styles={{ body: { padding: 10 } }}
    >
      <Space size={6} align="start" style={{ width: '100%' }}>
        <LightDot t={t} project={project} />
        <div style={{ minWidth: 0 }}>
          <Link to={`/projects/${project.id}`} draggable={false}>
            <Typography.Text strong ellipsis={{ tooltip: project.name }} style={{ maxWidth: 130 }}>
              {project.name}
            </Typography.Text>
          </Link>{' '}
          <KeyMark t={t} isKey={project.isKey} />
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>{project.code}</div>
          <div style={{ fontSize: 12 }}>{project.investorName ?? '—'}</div>
          <div style={{ fontSize: 12 }}>
            {t('projects.signedAmount')}：{formatYuan(project.signedAmountYuan, t('common.unknown'))}
          </div>
          {project.leaderName && <div style={{ fontSize: 12 }}>{t('projects.leader')}：{project.leaderName}</div>}
        </div>
      </Space>
    </Card>
  );
}

/** 看板: one column per stage; dropping a card on another column asks the server to move the project. */
export function Kanban({ projects, stageCounts, canMove, onMove }: Props) {
  const { t } = useI18n();
  const [over, setOver] = useState<Stage | null>(null);
  const [showTerminated, setShowTerminated] = useState(false);

  const dropProps = (stage: Stage) =>
    canMove
      ? {
          onDragOver: (e: DragEvent) => {
            if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            if (over !== stage) setOver(stage);
          },
          onDragLeave: () => setOver((s) => (s === stage ? null : s)),
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            setOver(null);
            const id = e.dataTransfer.getData(DRAG_TYPE);
            const project = projects.find((p) => p.id === id);
            if (project && project.stage !== stage) onMove(project, stage);
          },
        }
      : {};

  const column = (stage: Stage) => {
    const cards = projects.filter((p) => p.stage === stage);
    const total = stageCounts[stage] ?? cards.length;
    return (
      <div
        key={stage}
        data-testid={`kanban-column-${stage}`}
        {...dropProps(stage)}
        style={{
          flex: '1 1 0',
          minWidth: 150,
          background: over === stage ? '#fff1f0' : '#fafafa',
          border: over === stage ? '1px dashed #cf1322' : '1px solid #f0f0f0',
          borderRadius: 8,
          padding: 8,
          minHeight: 320,
        }}
      >
        <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
          <Tag color={STAGE_COLORS[stage]}>{stageName(t, stage)}</Tag>
          <span style={{ color: 'rgba(0,0,0,0.6)' }}>{total}</span>
          {stage === 'terminated' && (
            <Button size="small" type="link" onClick={() => setShowTerminated(false)}>
              {t('kanban.collapse')}
            </Button>
          )}
        </div>
        {cards.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kanban.emptyColumn')} />
        ) : (
          cards.map((p) => <ProjectCard key={p.id} project={p} canMove={canMove} />)
        )}
      </div>
    );
  };

  const terminatedCount = stageCounts.terminated ?? projects.filter((p) => p.stage === 'terminated').length;
  return (
    <div>
      {canMove && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('kanban.dropHint')}
        </Typography.Paragraph>
      )}
      <div style={{ display: 'flex', gap: 8, overflowX: 'auto', alignItems: 'stretch' }}>
        {PIPELINE.map(column)}
        {showTerminated ? (
          column('terminated')
        ) : (
          <div
            data-testid="kanban-column-terminated"
            {...dropProps('terminated')}
            style={{
              width: 48,
              flex: '0 0 48px',
              background: over === 'terminated' ? '#fff1f0' : '#fafafa',
              border: over === 'terminated' ? '1px dashed #cf1322' : '1px solid #f0f0f0',
              borderRadius: 8,
              display: 'flex',
              justifyContent: 'center',
              paddingTop: 8,
            }}
          >
            <Button
              type="text"
              size="small"
              onClick={() => setShowTerminated(true)}
              title={t('kanban.expandTerminated', { n: terminatedCount })}
              style={{ writingMode: 'vertical-rl', height: 'auto', padding: '8px 0' }}
            >
              {stageName(t, 'terminated')} {terminatedCount}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}

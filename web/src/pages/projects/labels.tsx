import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, StarFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LIGHT_TEXT } from '../../theme';
import type { Light, MissingField, Project, ServiceType, Source, Stage } from '../../api/projects';
import type { Translate } from '../../i18n';

export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  negotiating: 'processing',
  signed: 'cyan',
  started: 'geekblue',
  operating: 'success',
  terminated: 'error',
};

/** Each light has its own shape as well as its colour (a tick, an exclamation, a cross), so it reads without colour. */
const LIGHT_ICON: Record<Light, ReactNode> = {
  green: <CheckCircleFilled style={{ color: LIGHT_TEXT.green }} />,
  yellow: <ExclamationCircleFilled style={{ color: '#d48806' }} />,
  red: <CloseCircleFilled style={{ color: LIGHT_TEXT.red }} />,
};

export function stageName(t: Translate, stage: string): string {
  switch (stage) {
    case 'lead':
    case 'negotiating':
    case 'signed':
    case 'started':
    case 'operating':
    case 'terminated':
      return t(`stage.${stage}`);
    default:
      return stage;
  }
}

export function sourceName(t: Translate, source: Source | null): string {
  return source ? t(`source.${source}`) : '—';
}

export function serviceTypeName(t: Translate, type: ServiceType): string {
  return t(`service.type.${type}`);
}

export function StageTag({ t, stage }: { t: Translate; stage: Stage }) {
  return <Tag color={STAGE_COLORS[stage]}>{stageName(t, stage)}</Tag>;
}

/** The traffic light as an icon (its name for screen readers, or beside it with `withText`); the tooltip explains why. */
export function LightDot({ t, project, withText }: { t: Translate; project: Pick<Project, 'light' | 'lightReasons'>; withText?: boolean }) {
  const reasons = project.lightReasons.length ? project.lightReasons : [t('light.noReasons')];
  return (
    <Tooltip
      title={
        <div>
          <div style={{ fontWeight: 600 }}>{t(`light.${project.light}`)}</div>
          {reasons.map((r) => (
            <div key={r}>· {r}</div>
          ))}
        </div>
      }
    >
      <span
        data-testid="light-dot"
        data-light={project.light}
        style={{ cursor: 'help', whiteSpace: 'nowrap' }}
        role="img"
        aria-label={t(`light.${project.light}`)}
      >
        {LIGHT_ICON[project.light]}
        {withText && <span style={{ marginInlineStart: 6 }}>{t(`light.${project.light}`)}</span>}
      </span>
    </Tooltip>
  );
}

export function KeyMark({ t, isKey }: { t: Translate; isKey: boolean }) {
  if (!isKey) return null;
  return (
    <Tooltip title={t('projects.isKey')}>
      <StarFilled style={{ color: '#faad14' }} aria-label={t('projects.isKey')} />
    </Tooltip>
  );
}

/** 资料不全: a tag naming the missing facts (nothing when the project is complete). */
export function IncompleteTag({ t, missing }: { t: Translate; missing: MissingField[] }) {
  if (missing.length === 0) return null;
  const fields = missing.map((m) => m.label).join('、');
  return (
    <Tooltip title={t('projects.incompleteHint', { fields })}>
      <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="incomplete-tag">
        {t('projects.incomplete')}
      </Tag>
    </Tooltip>
  );
}

/** Days from today to 预计落地日期, for 在谈 projects: "还有 37 天", "今天到期" or "已超期 5 天". */
export function LandingCountdown({ t, project }: { t: Translate; project: Pick<Project, 'stage' | 'expectedLandingDate'> }) {
  if (project.stage !== 'negotiating' || !project.expectedLandingDate) return null;
  const days = dayjs(project.expectedLandingDate).startOf('day').diff(dayjs().startOf('day'), 'day');
  const text = days > 0 ? t('countdown.left', { n: days }) : days === 0 ? t('countdown.today') : t('countdown.overdue', { n: -days });
  const color = days < 0 ? 'error' : days <= 30 ? 'warning' : 'default';
  return (
    <Tooltip title={`${t('projects.expectedLandingDate')}：${project.expectedLandingDate}`}>
      <Tag color={color} data-testid="landing-countdown" style={{ marginInlineEnd: 0 }}>
        {text}
      </Tag>
    </Tooltip>
  );
}

/** 产业链节点: the node (name and code) with its chain linking to the chain's page; 已不在当前版本 when its chain dropped it. */
export function ChainNodeText({ t, project }: { t: Translate; project: Pick<Project, 'chainNode' | 'chainNodeName' | 'chainNodeCurrent' | 'chainCode' | 'chainName'> }) {
  if (!project.chainNode) return <>—</>;
  return (
    <span data-testid="project-chain-node" style={{ overflowWrap: 'anywhere' }}>
      {project.chainCode && (
        <>
          {/* beside text: underlined, not told apart by colour alone (axe link-in-text-block) */}
          <Link to={`/chains/${encodeURIComponent(project.chainCode)}`} style={{ textDecoration: 'underline' }}>
            {project.chainName ?? project.chainCode}
          </Link>
          {' · '}
        </>
      )}
      {project.chainNodeName ?? project.chainNode}（{project.chainNode}）
      {project.chainNodeCurrent === false && (
        <Tag color="warning" style={{ marginLeft: 4 }}>
          {t('projects.chainNodeNotCurrent')}
        </Tag>
      )}
    </span>
  );
}

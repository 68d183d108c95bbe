import { Space, Tag, Tooltip } from 'antd';
import type { Signals } from '../../api/aftercare';
import { useI18n } from '../../i18n';
import { EXPANSION_COLOR, RISK_COLOR, riskName } from './labels';

/** The investor's retention risk and expansion signal, each tag explaining its reasons on hover (and in `showReasons`). */
export function SignalTags({ signals, showReasons = false }: { signals: Signals; showReasons?: boolean }) {
  const { t } = useI18n();
  const risk = (
    <Tag color={RISK_COLOR[signals.risk]} data-testid="signal-risk">
      {t('aftercare.riskLabel', { level: riskName(t, signals.risk) })}
    </Tag>
  );
  const expansion = signals.expansion ? (
    <Tag color={EXPANSION_COLOR} data-testid="signal-expansion">
      {t('aftercare.expansionSignal')}
    </Tag>
  ) : null;
  if (showReasons) {
    return (
      <Space direction="vertical" size={4}>
        <Space size={4} wrap>
          {risk}
          {expansion}
        </Space>
        {[...signals.riskReasons, ...signals.expansionReasons].map((r) => (
          <span key={r} style={{ fontSize: 13 }}>
            · {r}
          </span>
        ))}
      </Space>
    );
  }
  // in lists only what needs attention: a quiet investor shows a dash
  if (signals.risk === 'none' && !expansion) return <span data-testid="signal-none">—</span>;
  return (
    <Space size={4} wrap>
      {signals.risk !== 'none' && <Tooltip title={signals.riskReasons.join('；')}>{risk}</Tooltip>}
      {expansion && <Tooltip title={signals.expansionReasons.join('；')}>{expansion}</Tooltip>}
    </Space>
  );
}

import { Progress, Typography } from 'antd';
import type { ScoredTarget, ScoredTargets } from '../../api/targets';
import { useI18n } from '../../i18n';

interface Props {
  item: ScoredTarget;
  weights: ScoredTargets['weights'];
  phone: boolean;
}

const points = (n: number) => (Math.round(n * 10) / 10).toString();

/** The eight features of one candidate: points out of the feature's weight as a bar, with the reason in words; then 比上一名少在哪里. */
export function CandidateReasons({ item, weights, phone }: Props) {
  const { t } = useI18n();
  return (
    <div className={phone ? 'target-reasons' : 'target-reasons target-reasons-desk'} data-testid="target-reasons">
      <div>
        <Typography.Text strong>{t('targets.features')}</Typography.Text>
        <ul className="target-features">
          {item.features.map((f) => {
            const max = weights[f.feature] ?? 0;
            return (
              <li key={f.feature} data-testid="target-feature">
                <div className="target-feature-head">
                  <span className="target-feature-label">{f.label}</span>
                  <Progress
                    percent={max > 0 ? Math.round((f.points / max) * 100) : 0}
                    showInfo={false}
                    status="normal"
                    size="small"
                    aria-label={t('targets.featurePoints', { label: f.label, points: points(f.points), max: points(max) })}
                    className="target-feature-bar"
                    style={{ margin: 0 }}
                  />
                  <span className="target-feature-points">{t('targets.pointsOf', { points: points(f.points), max: points(max) })}</span>
                </div>
                <Typography.Text type="secondary" className="target-feature-reason">
                  {f.reason}
                </Typography.Text>
              </li>
            );
          })}
        </ul>
      </div>
      {item.rank > 1 && (
        <div data-testid="target-below-above">
          <Typography.Text strong>{t('targets.belowAbove')}</Typography.Text>
          {item.belowAbove.length ? (
            <ul className="target-below">
              {item.belowAbove.map((b) => (
                <li key={b.feature}>
                  {t('targets.belowAboveItem', { label: b.label, gap: points(b.gap), higher: points(b.higherPoints), lower: points(b.lowerPoints) })}
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph type="secondary">{t('targets.belowAboveNone')}</Typography.Paragraph>
          )}
        </div>
      )}
    </div>
  );
}

/** 安商稳商 labels: red flags, risk levels. */
import type { RedFlagKey, Signals } from '../../api/aftercare';
import type { Translate } from '../../i18n';

export function flagName(t: Translate, flag: RedFlagKey): string {
  return t(`aftercare.flag.${flag}`);
}

export function riskName(t: Translate, risk: Signals['risk']): string {
  return t(`aftercare.risk.${risk}`);
}

/** dark tag colours: white text meets 4.5:1 */
export const RISK_COLOR: Record<Signals['risk'], string> = { high: '#a8071a', watch: '#ad4e00', none: '#237804' };
export const EXPANSION_COLOR = '#0958d9';

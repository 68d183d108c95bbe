import type { BriefingKind } from '../../api/briefings';
import type { Translate } from '../../i18n';

export const briefingPath = (id: string) => `/briefings/${encodeURIComponent(id)}`;
export const kindName = (t: Translate, kind: BriefingKind) => t(`briefings.kind.${kind}`);

/** 万元 with up to 2 decimals for amounts (figures in 元), else the count. */
export function figureText(unit: string, value: number): string {
  if (unit !== '元') return String(value);
  const v = Math.round(value / 100) / 100;
  return v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

/** The Asia/Shanghai calendar day of an instant (YYYY-MM-DD). */
export function shanghaiDay(iso: string): string {
  return new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

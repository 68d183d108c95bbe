/**
 * Money without floats: the API speaks integer yuan, forms speak 万元 with up to 4 decimals (exactly 1 元),
 * tables show 万元 or 亿元. All conversions are string or BigInt arithmetic.
 */

import { unitWan, unitYi } from '../i18n/units';

export const WAN_PATTERN = /^\d{1,12}(\.\d{1,4})?$/;

/** "1234.5678" 万元 → 12345678 元; null for an empty or malformed input. */
export function wanToYuan(input: string | null | undefined): number | null {
  const text = (input ?? '').trim();
  if (!text || !WAN_PATTERN.test(text)) return null;
  const [whole, frac = ''] = text.split('.');
  const digits = `${whole}${frac.padEnd(4, '0')}`.replace(/^0+(?=\d)/, '');
  return Number(digits);
}

/** 12345678 元 → "1234.5678" 万元 (trailing zeros dropped); null stays null. */
export function yuanToWan(yuan: number | null | undefined): string | null {
  if (yuan === null || yuan === undefined) return null;
  const negative = yuan < 0;
  const digits = String(Math.abs(Math.trunc(yuan))).padStart(5, '0');
  const whole = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(-4).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Rounds yuan half-up to `decimals` places of `unit` (10^4 or 10^8), as a string. */
function scaled(yuan: number, unitExp: number, decimals: number): string {
  const value = BigInt(Math.trunc(yuan));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const divisor = 10n ** BigInt(unitExp - decimals);
  const rounded = (abs + divisor / 2n) / divisor;
  const text = rounded.toString().padStart(decimals + 1, '0');
  const whole = text.slice(0, text.length - decimals);
  const frac = decimals ? text.slice(text.length - decimals).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${Number(whole).toLocaleString('en-US')}${frac ? `.${frac}` : ''}`;
}

/**
 * For tables: one unit for every row of a column (issue 11, item 9), 万元 rounded half-up to 2
 * decimals with thousands separators, so the figures line up and compare ("1,234.57 万元").
 */
export function formatTableWan(yuan: number | null | undefined, unknown: string): string {
  if (yuan === null || yuan === undefined) return unknown;
  const value = BigInt(Math.trunc(yuan));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const cents = (abs * 2n + 100n) / 200n;
  const whole = Number(cents / 100n).toLocaleString('en-US');
  return `${negative && cents !== 0n ? '-' : ''}${whole}.${(cents % 100n).toString().padStart(2, '0')} ${unitWan()}`;
}

/** For single figures (cards, descriptions): 亿元 from 1 亿 up (2 decimals), otherwise 万元 (exact, up to 4 decimals); null is 未知. */
export function formatYuan(yuan: number | null | undefined, unknown: string): string {
  if (yuan === null || yuan === undefined) return unknown;
  if (Math.abs(yuan) >= 100_000_000) return `${scaled(yuan, 8, 2)} ${unitYi()}`;
  return `${scaled(yuan, 4, 4)} ${unitWan()}`;
}

/** For ledgers: exact 万元 (up to 4 decimals), never rounded to 亿元. */
export function formatWan(yuan: number | null | undefined, unknown: string): string {
  if (yuan === null || yuan === undefined) return unknown;
  return `${scaled(yuan, 4, 4)} ${unitWan()}`;
}

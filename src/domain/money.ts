/**
 * Money is integer yuan (元) everywhere inside Yinfeng. Forms and files speak 万元 with up to four
 * decimals (exactly 1 元); these functions convert by string arithmetic, never through floats.
 */
import { msg, renderMessage, type Message } from './messages/catalog';
/**
 * The largest amount one money field may hold: 10^13 元 = 10 万亿元 = 1,000,000,000 万元 (every
 * receipt, signed amount, planned investment, registered capital, target …). It is above any real
 * figure (the largest registered capital in China, 国铁集团's, is about 1.74 万亿元; China's yearly
 * fixed-asset investment is about 50 万亿元) and keeps every sum exact: sums are bigint/numeric in
 * SQL, but reach JavaScript and JSON as numbers, exact only up to 2^53 − 1 ≈ 9,007 万亿元, which
 * takes more than 900 amounts each at the cap — about 180 years of the whole country's investment —
 * while a single 2^53 − 1 receipt made every sum containing it inexact.
 */
export const MAX_AMOUNT_YUAN = 10_000_000_000_000n;
/** MAX_AMOUNT_YUAN as a number (for schemas). */
export const MAX_AMOUNT_YUAN_NUMBER = Number(MAX_AMOUNT_YUAN);
/** The cap as users type amounts: '1000000000 万元（10 万亿元）'. */
export const MAX_AMOUNT_LABEL = '1000000000 万元（10 万亿元）';

export type WanParseResult = { ok: true; yuan: bigint } | { ok: false; message: string; text: Message };

function refuseAmount(text: Message): WanParseResult {
  return { ok: false, message: renderMessage(text, 'zh'), text };
}

/** Parses an amount in 万元 ("1234.5678", "1,234.5", "-0.01" rejected unless allowNegative) into integer yuan. */
export function parseWanToYuan(input: string, opts: { allowNegative?: boolean } = {}): WanParseResult {
  const s = input.trim().replace(/[,，\s]/g, '');
  const m = /^([+-]?)(\d+)(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) {
    if (/^[+-]?\d+\.\d{5,}$/.test(s)) return refuseAmount(msg('amount.tooManyDecimals', { input }));
    return refuseAmount(msg('amount.notNumber', { input }));
  }
  const [, sign = '', whole = '0', frac = ''] = m;
  const yuan = BigInt(whole) * 10_000n + BigInt(frac.padEnd(4, '0') || '0');
  const signed = sign === '-' ? -yuan : yuan;
  if (signed < 0n && !opts.allowNegative) return refuseAmount(msg('amount.negative', { input }));
  if (yuan > MAX_AMOUNT_YUAN) return refuseAmount(msg('amount.overMax', { input }));
  return { ok: true, yuan: signed };
}

/** Formats integer yuan as 万元 with exactly the decimals needed (up to 4): 12345678n → "1234.5678". */
export function formatYuanAsWan(yuan: bigint | number): string {
  const v = BigInt(yuan);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = abs / 10_000n;
  const frac = (abs % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Rounds half-up to 2 decimals for display of percentages computed from integers: num/den×100. */
export function percentHalfUp(numerator: bigint, denominator: bigint): number | null {
  if (denominator === 0n) return null;
  const neg = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  // hundredths of a percent, rounded half-up on the absolute value
  const scaled = (n * 10_000n * 2n + d) / (2n * d);
  const value = Number(scaled) / 100;
  return neg ? -value : value;
}

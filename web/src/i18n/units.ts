/**
 * Units, months and periods in the chosen language (issue 11, item 11). Figures stay in the same
 * scale in both languages (万元 is "10k yuan", 亿元 "100M yuan"), so an English reader compares the
 * same numbers as the Chinese report.
 */
import { getLang } from './current';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The unit of amounts in forms and ledgers. */
export function unitWan(): string {
  return getLang() === 'en' ? '10k yuan' : '万元';
}

/** The unit of large amounts (cards, chart axes). */
export function unitYi(): string {
  return getLang() === 'en' ? '100M yuan' : '亿元';
}

/** "3月" / "Mar" (month 1–12). */
export function monthName(month: number): string {
  return getLang() === 'en' ? (EN_MONTHS[month - 1] ?? String(month)) : `${month}月`;
}

/** The twelve month names of a chart axis. */
export function listMonthNames(): string[] {
  return Array.from({ length: 12 }, (_, i) => monthName(i + 1));
}

/** "2026年" / "2026" (a chart series of one year). */
export function yearName(year: number): string {
  return getLang() === 'en' ? String(year) : `${year}年`;
}

/** "2026年1—10月" / "Jan–Oct 2026", "2026年3月" / "Mar 2026". */
export function monthRangeName(year: string, fromMonth: number, toMonth: number, toYear: string = year): string {
  // a period across years names both years: 2025年11月—2026年2月 / Nov 2025–Feb 2026
  if (toYear !== year) return getLang() === 'en' ? `${monthName(fromMonth)} ${year}–${monthName(toMonth)} ${toYear}` : `${year}年${fromMonth}月—${toYear}年${toMonth}月`;
  if (getLang() === 'en') return fromMonth === toMonth ? `${monthName(fromMonth)} ${year}` : `${monthName(fromMonth)}–${monthName(toMonth)} ${year}`;
  return fromMonth === toMonth ? `${year}年${fromMonth}月` : `${year}年${fromMonth}—${toMonth}月`;
}

/** "个百分点" / "pts" after a signed percentage-point figure. */
export function unitPoints(): string {
  return getLang() === 'en' ? 'pts' : '个百分点';
}

/** Between a label and its value: "：" / ": ". */
export function labelColon(): string {
  return getLang() === 'en' ? ': ' : '：';
}

/** A form label with the amount unit: "签约额（万元）" / "Signed amount (10k yuan)". */
export function withWanUnit(label: string): string {
  return getLang() === 'en' ? `${label} (${unitWan()})` : `${label}（${unitWan()}）`;
}

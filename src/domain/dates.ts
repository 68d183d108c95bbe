/** Calendar dates in Asia/Shanghai, the time zone of every period and deadline in Yinfeng. */
const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai. */
export function toShanghaiDate(at: Date): string {
  return SHANGHAI_DATE.format(at);
}

export function todayInShanghai(now: Date = new Date()): string {
  return toShanghaiDate(now);
}

/** The instant a Shanghai calendar day starts. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The years a date or month in Yinfeng may have (as the import files' dates): 0000-01 or 9999-12-31 are typing errors. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** 'YYYY-MM' with a month 01–12 and a year MIN_YEAR–MAX_YEAR. */
export function isMonth(value: string): boolean {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  return m !== null && Number(m[1]) >= MIN_YEAR && Number(m[1]) <= MAX_YEAR;
}

/** 'YYYY-MM-DD' naming a day that exists (2026-02-30 and 0000-00-00 do not), year MIN_YEAR–MAX_YEAR. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

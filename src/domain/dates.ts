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

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

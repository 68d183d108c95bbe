/**
 * Cron expressions for "every N minutes" settings (the engine's schedules are cron): minutes within
 * the hour below 60 (`*\/N`, restarting at each full hour when N does not divide 60), whole hours
 * within the day above (rounded), daily from 24 hours on.
 */
export function cronEveryMinutes(minutes: number): string {
  const m = Math.max(1, Math.round(minutes));
  if (m === 1) return '* * * * *';
  if (m < 60) return `*/${m} * * * *`;
  const h = Math.round(m / 60);
  if (h >= 24) return '0 0 * * *';
  return h === 1 ? '0 * * * *' : `0 */${h} * * *`;
}

/** The same for a setting in seconds (the engine's cron has whole minutes: shorter runs every minute). */
export function cronEverySeconds(seconds: number): string {
  return cronEveryMinutes(Math.ceil(seconds / 60));
}

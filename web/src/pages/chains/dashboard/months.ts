/** The last twelve complete months before `today`, as YYYY-MM: the dashboard's funnel period. */
export function lastTwelveMonths(today: Date): { from: string; to: string } {
  const month = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  const to = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const from = new Date(today.getFullYear(), today.getMonth() - 12, 1);
  return { from: month(from), to: month(to) };
}

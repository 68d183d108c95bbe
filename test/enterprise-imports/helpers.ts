/** Files and look-ups shared by the enterprise import tests. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { ENTERPRISE_FILE_HEADERS, generateEnterprises, toEnterpriseFileCells } from '../../src/seed/enterprise-generator';

export const REGIONS = ['650109', '650102', '110108', '440305'];
export const INDUSTRIES = ['C', '38', '39', 'I', '65', 'F'];

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text with the full 企业 header; each row gives some columns (the rest empty). */
export function enterpriseCsv(rows: Record<string, string>[], headers: readonly string[] = ENTERPRISE_FILE_HEADERS): string {
  const lines = [headers.join(',')];
  for (const r of rows) lines.push(headers.map((h) => csvCell(r[h] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `count` generated enterprises as CSV rows (index from `start`), with a data date. */
export function generatedRows(count: number, start = 0, sourceDate = '2024-06-30', seed = 7): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const e of generateEnterprises({ count, startIndex: start, seed, regionCodes: REGIONS, industryCodes: INDUSTRIES })) {
    out.push(toEnterpriseFileCells(e, '测试登记信息', sourceDate));
  }
  return out;
}

export async function rows<T = Record<string, unknown>>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

export async function count(db: Db, table: string, where = sql`true`): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`);
  return Number(r?.n);
}

/**
 * npx tsx scripts/bench-documents.ts [OUT_DIR] — issue 4 point 10: "a full monthly notice document is
 * produced in under 2 s". Seeds the demo data into a fresh PGlite data directory (temporary), then times
 * gathering the data and rendering the 月通报 of the demo prefecture 乌鲁木齐市 (650100) for the last
 * demo month as PDF and as xlsx (1 cold run, then 5 warm runs each). Writes the files into OUT_DIR
 * (default: a temporary directory) so they can be looked at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config';
import { gatherNoticeData, type DocumentKind } from '../src/documents/notice-data';
import { renderNoticePdf } from '../src/documents/notice-pdf';
import { renderNoticeXlsx } from '../src/documents/notice-xlsx';
import { prepareDatabase } from '../src/cli/prepare-database';
import { seedDemo, DEMO_PREFECTURE } from '../src/seed/demo';
import { createSystemCaller } from '../src/services/context';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bench-docs-'));
const out = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-docs-'));
fs.mkdirSync(out, { recursive: true });
const config = loadConfig({ ...process.env, DATABASE_URL: '', YINFENG_DATA_DIR: dataDir });
const database = await prepareDatabase(config, 'bench-documents');
const deps = { db: database.db, config };
const caller = createSystemCaller('bench');
try {
  let t = performance.now();
  await seedDemo(deps);
  console.log(`demo seeded in ${(performance.now() - t).toFixed(0)} ms`);
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = process.env.BENCH_MONTH ?? `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;

  const once = async (kind: DocumentKind, format: 'pdf' | 'xlsx') => {
    const t0 = performance.now();
    const data = await gatherNoticeData(deps, caller, { kind, region: DEMO_PREFECTURE, month });
    const t1 = performance.now();
    const buf = format === 'pdf' ? await renderNoticePdf(data) : await renderNoticeXlsx(data);
    const t2 = performance.now();
    return { data, buf, gather: t1 - t0, render: t2 - t1, total: t2 - t0 };
  };
  for (const kind of ['monthly', 'quarterly', 'annual'] as const) {
    for (const format of ['pdf', 'xlsx'] as const) {
      const cold = await once(kind, format);
      const warm: number[] = [];
      for (let i = 0; i < (kind === 'monthly' ? 5 : 1); i++) warm.push((await once(kind, format)).total);
      warm.sort((a, b) => a - b);
      const file = path.join(out, `${cold.data.fileBaseName}.${format}`);
      fs.writeFileSync(file, cold.buf);
      console.log(
        `${kind} ${format}: cold ${cold.total.toFixed(0)} ms (data ${cold.gather.toFixed(0)} + render ${cold.render.toFixed(0)}), ` +
          `warm median ${(warm[Math.floor(warm.length / 2)] ?? 0).toFixed(0)} ms, max ${(warm[warm.length - 1] ?? 0).toFixed(0)} ms, ${cold.buf.length} bytes → ${file}`,
      );
    }
  }
  t = performance.now();
} finally {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

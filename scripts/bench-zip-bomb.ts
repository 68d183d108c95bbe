/**
 * A 2 GiB zip bomb with consistent lying headers (the sheet declared 500 KB in the local header and
 * the central directory) sent to a running server on every way in (issue 10, item 4): the workbook
 * import and its dry run, the enterprise import job upload, and a docx as evidence. While each is
 * refused, /api/health is asked every 50 ms over HTTP. Reported per way in: the answer, the time to
 * refuse, the server's RSS growth (peak over the baseline, sampled every 5 ms) and the health
 * answers' median and maximum latency. Targets: RSS growth under 200 MiB, health within 1 s.
 *
 *   npm run bench:zip-bomb                      # embedded PGlite in a temporary directory
 *   DATABASE_URL=postgres://… npm run bench:zip-bomb
 *   ZIP_BOMB_GIB=4 npm run bench:zip-bomb        # a bigger bomb (default 2 GiB)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/config';
import { buildApp } from '../src/http/app';
import { prepareDatabase } from '../src/cli/prepare-database';
import { createSystemCaller } from '../src/services/context';
import { createUser } from '../src/services/accounts/users';
import { bombEntry, honestEntry, makeRawZip, withEntries } from '../test/imports/bomb-fixtures';
import { makeXlsx } from '../test/imports/fixtures';

const MiB = 1024 * 1024;
const BOMB_BYTES = Number(process.env.ZIP_BOMB_GIB ?? 2) * 1024 * MiB;
const DECLARED = 500 * 1000;
const PASSWORD = 'Bench@pass-2026';

async function main() {
  const dir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bench-bomb-'));
  const config = loadConfig({ ...process.env, ...(dir ? { YINFENG_DATA_DIR: dir } : {}) } as Record<string, string>);
  const database = await prepareDatabase(config, 'bench:zip-bomb');
  const app = await buildApp({ config, database });
  try {
    const username = `bomb${Date.now().toString(36)}`;
    await createUser({ db: database.db, config }, createSystemCaller('bench'), {
      username,
      displayName: '炸弹测试',
      regionCode: '650109',
      password: PASSWORD,
      roles: ['officer', 'statistician'],
      mustChangePassword: false,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const origin = { origin: base };
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...origin }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, ...origin };
    const project = await fetch(`${base}/api/projects`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: '炸弹基准项目', regionCode: '650109' }) });
    const projectId = ((await project.json()) as { id: string }).id;

    const started = performance.now();
    const sheetBomb = bombEntry('xl/worksheets/sheet1.xml', BOMB_BYTES, DECLARED);
    const projectXlsx = withEntries(await makeXlsx([{ name: '项目', rows: [['项目编号', '项目名称', '地区代码', '资金来源', '阶段']] }]), [sheetBomb]);
    const enterpriseXlsx = withEntries(await makeXlsx([{ name: '企业', rows: [['统一社会信用代码', '企业名称', '注册地区代码']] }]), [sheetBomb]);
    const docx = makeRawZip([honestEntry('[Content_Types].xml', '<?xml version="1.0"?><Types/>'), bombEntry('word/document.xml', BOMB_BYTES, DECLARED)]);
    console.log(`bomb: ${BOMB_BYTES / MiB} MiB of zeros declared as ${DECLARED} bytes; xlsx ${(projectXlsx.length / MiB).toFixed(2)} MiB (built in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

    const cases: { name: string; send: () => Promise<Response> }[] = [
      { name: 'POST /api/imports?dryRun=true', send: () => fetch(`${base}/api/imports?dryRun=true`, { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': 'bomb.xlsx' }, body: new Uint8Array(projectXlsx) }) },
      { name: 'POST /api/imports', send: () => fetch(`${base}/api/imports`, { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': 'bomb.xlsx' }, body: new Uint8Array(projectXlsx) }) },
      { name: 'POST /api/import-jobs', send: () => fetch(`${base}/api/import-jobs?fileName=bomb.xlsx`, { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array(enterpriseXlsx) }) },
      {
        name: 'POST /api/projects/:id/evidence (docx)',
        send: () => fetch(`${base}/api/projects/${projectId}/evidence`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'contract', fileName: 'bomb.docx', contentBase64: docx.toString('base64') }) }),
      },
    ];
    for (const c of cases) {
      global.gc?.();
      await new Promise((r) => setTimeout(r, 200));
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const health: number[] = [];
      let done = false;
      const poll = (async () => {
        while (!done) {
          const t0 = performance.now();
          const res = await fetch(`${base}/api/health`);
          await res.arrayBuffer();
          health.push(performance.now() - t0);
          if (res.status !== 200) throw new Error(`health ${res.status}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const t0 = performance.now();
      const res = await c.send();
      const body = await res.text();
      const ms = performance.now() - t0;
      // keep asking a little after the refusal, then stop
      await new Promise((r) => setTimeout(r, 200));
      done = true;
      await poll;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const sorted = [...health].sort((a, b) => a - b);
      const message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body.slice(0, 120);
      console.log(`${c.name}: ${res.status} in ${ms.toFixed(0)} ms; RSS +${((peak - baseline) / MiB).toFixed(1)} MiB (baseline ${(baseline / MiB).toFixed(0)} MiB); /api/health ${health.length} answers, median ${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms`);
      console.log(`  ${message}`);
    }
  } finally {
    await app.close();
    await database.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

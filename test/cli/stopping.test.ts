/**
 * Every way of starting Yinfeng stops cleanly on SIGTERM and SIGINT: `npm start` (npm → sh → scripts/start.mjs →
 * bin/yinfeng serve), `node scripts/start.mjs`, `bin/yinfeng serve`, a stop during start-up, and a one-shot
 * command. Each runs in its own process group so the test can see the whole tree go (and kill what is left).
 * The web build is never triggered (YINFENG_SKIP_WEB_BUILD=1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPglite, wrapPglite } from '../../src/db/client';
import { createSystemCaller } from '../../src/services/context';
import { createUser } from '../../src/services/accounts/users';
import { loadConfig } from '../../src/config/config';
import { finishImportJob, insertImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { selectUserByUsername } from '../../src/db/queries/accounts/users';
import { prepareDatabase } from '../../src/cli/prepare-database';
import { cleanEnv, freePort, REPO_ROOT, startServe } from './processes';

const STOP_WITHIN_MS = 15_000;

interface Started {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const groups = new Set<number>();

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** Spawns a way of starting Yinfeng in its own process group on a free port. */
async function spawnYinfeng(how: 'npm start' | 'start.mjs' | 'serve', dataDir: string): Promise<Started> {
  const port = await freePort();
  const [cmd, args] =
    how === 'npm start' ? ['npm', ['start']] : how === 'start.mjs' ? [process.execPath, ['scripts/start.mjs']] : [process.execPath, ['bin/yinfeng', 'serve']];
  const child = spawn(cmd, args, {
    cwd: REPO_ROOT,
    detached: true, // its own process group, like a service
    env: cleanEnv({
      YINFENG_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      YINFENG_SKIP_WEB_BUILD: '1',
      YINFENG_ROLLUP_WARMUP: 'false',
      npm_config_update_notifier: 'false',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) groups.add(child.pid);
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

async function waitForHealth(s: Started, ms = 100_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (s.child.exitCode !== null || s.child.signalCode !== null) throw new Error(`exited early:\n${s.output()}`);
    try {
      const res = await fetch(`${s.base}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no /api/health within ${ms} ms:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('stopping', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-stop-'));
    dirs.push(d);
    return d;
  };

  afterEach(() => {
    for (const pgid of groups) {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
    groups.clear();
  });

  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const cases: Array<{ how: 'npm start' | 'start.mjs' | 'serve'; signal: NodeJS.Signals; to: 'process' | 'group' }> = [
    { how: 'npm start', signal: 'SIGTERM', to: 'process' }, // a container runtime signals its main process
    { how: 'npm start', signal: 'SIGINT', to: 'group' }, // Ctrl-C in a terminal signals the foreground group
    { how: 'npm start', signal: 'SIGTERM', to: 'group' }, // systemd's default KillMode=control-group
    { how: 'start.mjs', signal: 'SIGTERM', to: 'process' },
    { how: 'start.mjs', signal: 'SIGINT', to: 'process' },
    { how: 'serve', signal: 'SIGTERM', to: 'process' },
    { how: 'serve', signal: 'SIGINT', to: 'group' },
  ];

  // one data directory for the cases in order: each start is also the "second start" after the previous stop
  let shared: string;
  beforeAll(async () => {
    // migrated (the run's template) with one user, so serve neither migrates from nothing nor seeds the demo
    shared = tempDir();
    const client = await createPglite({ dataDir: path.join(shared, 'pgdata'), loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    try {
      const deps = { db: wrapPglite(client, shared).db, config: loadConfig(cleanEnv({ YINFENG_DATA_DIR: shared })) };
      await createUser(deps, createSystemCaller('test'), {
        username: 'officer',
        displayName: '马晓东',
        regionCode: '650109',
        password: 'Stop-test-2026',
        roles: ['officer'],
        mustChangePassword: false,
      });
    } finally {
      await client.close();
    }
  });

  for (const c of cases) {
    it(`${c.how}: ${c.signal} to the ${c.to} stops the whole tree and releases the data directory; the next start succeeds`, { timeout: 120_000 }, async () => {
      const s = await spawnYinfeng(c.how, shared);
      await waitForHealth(s);
      expect(fs.existsSync(path.join(shared, 'yinfeng.lock'))).toBe(true);
      const pgid = s.child.pid as number;

      if (c.to === 'group') process.kill(-pgid, c.signal);
      else s.child.kill(c.signal);

      const gone = await waitUntil(() => !groupAlive(pgid), STOP_WITHIN_MS);
      expect(gone, `processes left running after ${c.signal}:\n${s.output()}`).toBe(true);
      const { code } = await s.exited;
      expect(code, s.output()).toBe(0);
      expect(s.output()).toContain('已停止。');
      expect(fs.existsSync(path.join(shared, 'yinfeng.lock'))).toBe(false);
    });
  }

  it('after the last stop the data directory opens again', { timeout: 120_000 }, async () => {
    const again = await startServe(cleanEnv({ YINFENG_DATA_DIR: shared, YINFENG_ROLLUP_WARMUP: 'false' }), 100_000);
    expect((await fetch(`${again.base}/api/health`)).status).toBe(200);
    expect(await again.stop()).toBe(0);
  });

  // the next two use the data directory the cases above made (a first start's migrations and demo data take
  // long on a busy machine; the stop waits for the opening to finish, whatever it is doing)
  it('serve: SIGTERM while the embedded database is still opening stops it, exit 0, lock released', { timeout: 120_000 }, async () => {
    const dir = shared;
    const s = await spawnYinfeng('serve', dir);
    // the lock is taken before PGlite opens (a first start takes seconds: migrations, demo data)
    expect(await waitUntil(() => fs.existsSync(path.join(dir, 'yinfeng.lock')), 20_000)).toBe(true);
    s.child.kill('SIGTERM');
    expect(await waitUntil(() => !groupAlive(s.child.pid as number), STOP_WITHIN_MS), s.output()).toBe(true);
    expect((await s.exited).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'yinfeng.lock'))).toBe(false);
  });

  it('a one-shot command (migrate) stopped by SIGTERM exits 143 and releases the data directory', { timeout: 120_000 }, async () => {
    // a fresh directory: creating the embedded database and running every migration takes seconds, so the signal
    // arrives while the command works (on the migrated shared directory it could finish first and exit 0)
    const dir = tempDir();
    const child = spawn(process.execPath, ['bin/yinfeng', 'migrate'], { cwd: REPO_ROOT, detached: true, env: cleanEnv({ YINFENG_DATA_DIR: dir }), stdio: ['ignore', 'pipe', 'pipe'] });
    groups.add(child.pid as number);
    let output = '';
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    expect(await waitUntil(() => fs.existsSync(path.join(dir, 'yinfeng.lock')), 20_000)).toBe(true);
    child.kill('SIGTERM');
    // the stop waits for the database being created to finish opening (seconds; longer on a busy machine)
    expect(await waitUntil(() => !groupAlive(child.pid as number), 3 * STOP_WITHIN_MS), output).toBe(true);
    expect(await exited).toBe(143);
    expect(output).toContain('收到 SIGTERM，正在停止');
    expect(fs.existsSync(path.join(dir, 'yinfeng.lock'))).toBe(false);
  });

  it('the next start removes the file of a job that ended (killed right after its commit) and of an upload without a job, keeps a queued job\'s', { timeout: 120_000 }, async () => {
    const dir = shared; // its officer owns the jobs
    const config = loadConfig(cleanEnv({ YINFENG_DATA_DIR: dir }));
    const database = await prepareDatabase(config, 'test');
    const imports = path.join(dir, 'imports');
    fs.mkdirSync(imports, { recursive: true });
    const files = { ended: path.join(imports, 'a0000000-0000-4000-8000-000000000001'), queued: path.join(imports, 'a0000000-0000-4000-8000-000000000002'), stray: path.join(imports, 'a0000000-0000-4000-8000-000000000003') };
    try {
      const officer = await selectUserByUsername(database.db, 'officer');
      const job = (id: string, filePath: string) => ({
        id,
        kind: 'enterprises',
        fileName: 'qiye.csv',
        filePath,
        fileBytes: 10,
        sha256: '0'.repeat(64),
        dryRun: false,
        source: 'qiye.csv',
        sourceDate: '2026-01-01',
        createdBy: officer?.id as string,
        regionCode: '650109',
        progress: {},
      });
      // the job committed (succeeded) and the process was killed before it removed the file
      await insertImportJob(database.db, { ...job(path.basename(files.ended), files.ended), status: 'running', worker: 'gone:1' });
      await finishImportJob(database.db, path.basename(files.ended), { status: 'succeeded' });
      // a kind the runner does not claim, so it stays queued while the test looks
      await insertImportJob(database.db, { ...job(path.basename(files.queued), files.queued), kind: 'not-claimed' });
    } finally {
      await database.close();
    }
    for (const f of Object.values(files)) fs.writeFileSync(f, '统一社会信用代码,企业名称\n');

    const server = await startServe(cleanEnv({ YINFENG_DATA_DIR: dir, YINFENG_ROLLUP_WARMUP: 'false' }), 100_000);
    try {
      expect(fs.existsSync(files.ended)).toBe(false);
      expect(fs.existsSync(files.stray)).toBe(false);
      expect(fs.existsSync(files.queued)).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

/**
 * The embedded database is one process per data directory. A lock file beside the database
 * files names the holder; a second opener is refused with a plain message instead of corrupting
 * the data. A lock left by a process that no longer exists is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

interface LockContent {
  pid: number;
  owner: string;
  startedAt: string;
}

export class DataDirBusyError extends Error {
  constructor(dataDir: string, holder: LockContent) {
    super(
      `数据目录 ${dataDir} 正被另一个 Yinfeng 进程使用（进程号 ${holder.pid}，${holder.owner}，启动于 ${holder.startedAt}）。` +
        '嵌入式数据库同一时间只能由一个进程打开：请先停止该进程（例如正在运行的 yinfeng serve），' +
        '或设置 DATABASE_URL 改用 PostgreSQL 服务器。',
    );
    this.name = 'DataDirBusyError';
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return null;
    return { pid: parsed.pid, owner: String(parsed.owner ?? '?'), startedAt: String(parsed.startedAt ?? '?') };
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string, owner: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'yinfeng.lock');
  const content: LockContent = { pid: process.pid, owner, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx' });
      return {
        release() {
          const current = readLock(file);
          if (current?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      // an unreadable lock written a moment ago is another process between create and write
      if (!holder && Date.now() - fs.statSync(file).mtimeMs < 5_000) {
        throw new DataDirBusyError(dataDir, { pid: 0, owner: '另一个进程', startedAt: '刚刚' });
      }
      if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
        throw new DataDirBusyError(dataDir, holder);
      }
      if (holder?.pid === process.pid) throw new DataDirBusyError(dataDir, holder);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`无法获取数据目录锁 ${file}`);
}

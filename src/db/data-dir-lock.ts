/**
 * The embedded database is one process per data directory. A lock file beside the database
 * files names the holder; a second opener is refused with a plain message instead of corrupting
 * the data. A lock left by a process that no longer exists is taken over — also when a new process
 * got the same process id (a restarted container numbers its processes the same way each time): the
 * lock names its process by id and start time. A lock is released by close and, in any case, when the
 * process exits (process.exit, the end of the event loop, an uncaught error); only a kill -9 or a
 * crash of the machine leaves the file behind, and then it is stale and taken over.
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
  /** the process's start time as the kernel counts it (Linux), to tell a reused process id */
  processStart?: string;
}

/** Lock files this process holds: released when it exits, whatever the way. */
const held = new Set<string>();
let exitHookInstalled = false;

function releaseHeldOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const file of held) {
      if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    }
    held.clear();
  });
}

/** The start time of a process in clock ticks since boot (Linux /proc), or undefined elsewhere. */
function readProcessStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 of the whole line: starttime
  } catch {
    return undefined;
  }
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

/** True when the lock's process still runs: same id and, where known, same start time. */
function isHolderAlive(holder: LockContent): boolean {
  if (!isProcessAlive(holder.pid)) return false;
  const start = readProcessStart(holder.pid);
  return !(holder.processStart && start && holder.processStart !== start);
}

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      owner: String(parsed.owner ?? '?'),
      startedAt: String(parsed.startedAt ?? '?'),
      processStart: typeof parsed.processStart === 'string' ? parsed.processStart : undefined,
    };
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string, owner: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'yinfeng.lock');
  const content: LockContent = { pid: process.pid, owner, startedAt: new Date().toISOString(), processStart: readProcessStart(process.pid) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx' });
      held.add(file);
      releaseHeldOnExit();
      return {
        release() {
          held.delete(file);
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
      // this process opened the directory already (a lock of an earlier process with our id is stale)
      if (held.has(file) && holder) throw new DataDirBusyError(dataDir, holder);
      if (holder && holder.pid !== process.pid && isHolderAlive(holder)) {
        throw new DataDirBusyError(dataDir, holder);
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`无法获取数据目录锁 ${file}`);
}

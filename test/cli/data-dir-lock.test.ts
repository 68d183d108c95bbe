/** The embedded data directory's lock: taken over when stale (also with this process's own id), released on any exit. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError } from '../../src/db/data-dir-lock';
import { REPO_ROOT } from './processes';

describe('data directory lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('takes over a lock that names this process id but was written by an earlier process (a restarted container reuses ids)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'yinfeng.lock'), JSON.stringify({ pid: process.pid, owner: 'yinfeng serve', startedAt: '2026-01-01T00:00:00Z', processStart: '1' }));
    const lock = acquireDataDirLock(dir, 'test');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'yinfeng.lock'), 'utf8'))).toMatchObject({ pid: process.pid, owner: 'test' });
    lock.release();
    expect(fs.existsSync(path.join(dir, 'yinfeng.lock'))).toBe(false);
  });

  it('refuses a second opener in the same process and in another live process', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, 'test');
    try {
      expect(() => acquireDataDirLock(dir, 'again')).toThrow(DataDirBusyError);
      const other = spawnSync(
        process.execPath,
        ['--import', 'tsx', '-e', `import('./src/db/data-dir-lock.ts').then((m) => { try { m.acquireDataDirLock(${JSON.stringify(dir)}, 'other'); process.exit(0); } catch (e) { console.error(e.message); process.exit(7); } })`],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      expect(other.status, other.stderr).toBe(7);
      expect(other.stderr).toContain('正被另一个 Yinfeng 进程使用');
    } finally {
      lock.release();
    }
  });

  it('is released when the process exits without releasing it (process.exit, an uncaught error)', () => {
    for (const ending of ['process.exit(3)', 'throw new Error("boom")']) {
      const dir = tempDir();
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', '-e', `import('./src/db/data-dir-lock.ts').then((m) => { m.acquireDataDirLock(${JSON.stringify(dir)}, 'child'); setTimeout(() => { ${ending}; }, 10); })`],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).not.toBe(0);
      expect(fs.existsSync(path.join(dir, 'yinfeng.lock')), ending).toBe(false);
    }
  });
});

/**
 * A real streaming standby of the test PostgreSQL server for the replica drill: pg_basebackup (with a
 * replication slot, so the primary keeps the WAL while the standby is stopped) into a temporary directory,
 * started with pg_ctl as the postgres OS user on a free port of its own. The primary must accept a
 * replication connection from 127.0.0.1: a `host replication` line is added to its pg_hba.conf (and the
 * configuration reloaded) when there is none. Everything it made is removed by destroy(), also after a failure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface Standby {
  port: number;
  /** a URL of this standby: `url` with the standby's port */
  urlOf(url: string): string;
  /** runs SQL on the standby as the server's superuser */
  query<T extends pg.QueryResultRow>(sql: string): Promise<T[]>;
  stop(): void;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

const HBA_LINE = 'host replication all 127.0.0.1/32 trust # added by Yinfeng test/replicas (standby drill)';

async function serverQuery<T extends pg.QueryResultRow>(serverUrl: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function asPostgres(cmd: string, args: string[]): string {
  const user = os.userInfo().username;
  const argv = user === 'postgres' ? [cmd, ...args] : ['runuser', '-u', 'postgres', '--', cmd, ...args];
  return execFileSync(argv[0] as string, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
}

/** Why the drill cannot run on this machine, or null when it can. */
export async function standbyUnavailable(serverUrl: string | undefined): Promise<string | null> {
  if (!serverUrl) return 'TEST_DATABASE_URL 未设置：只读副本演练只在 PostgreSQL 上运行（跳过）';
  const user = os.userInfo().username;
  if (user !== 'root' && user !== 'postgres') return `只读副本演练须以 root 或 postgres 身份运行（备库以 postgres 用户启动），当前为 ${user}（跳过）`;
  const host = new URL(serverUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') return `只读副本演练须在数据库服务器本机运行（TEST_DATABASE_URL 指向 ${host}，跳过）`;
  const [v] = await serverQuery<{ major: string }>(serverUrl, "select (current_setting('server_version_num')::int / 10000)::text as major");
  if (!fs.existsSync(`/usr/lib/postgresql/${v?.major}/bin/pg_basebackup`)) return `未找到 /usr/lib/postgresql/${v?.major}/bin/pg_basebackup（跳过）`;
  return null;
}

/** Adds the replication line to the primary's pg_hba.conf if none covers 127.0.0.1, and reloads. */
async function allowReplication(serverUrl: string): Promise<void> {
  const [hba] = await serverQuery<{ hba_file: string }>(serverUrl, 'show hba_file');
  const file = hba?.hba_file ?? '';
  const text = fs.readFileSync(file, 'utf8');
  if (/^\s*host\s+replication\s+\S+\s+127\.0\.0\.1\/32\s+trust\b/m.test(text)) return;
  fs.appendFileSync(file, `${text.endsWith('\n') ? '' : '\n'}${HBA_LINE}\n`);
  await serverQuery(serverUrl, 'select pg_reload_conf()');
  await new Promise((r) => setTimeout(r, 300));
}

/** Replication slots of drills that died before their cleanup: inactive, they would keep WAL forever. */
async function dropStaleSlots(serverUrl: string): Promise<void> {
  await serverQuery(serverUrl, "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name like 'yinfeng_drill_%' and not active");
}

export async function createStandby(serverUrl: string): Promise<Standby> {
  const [v] = await serverQuery<{ major: string }>(serverUrl, "select (current_setting('server_version_num')::int / 10000)::text as major");
  const bin = `/usr/lib/postgresql/${v?.major}/bin`;
  await allowReplication(serverUrl);
  await dropStaleSlots(serverUrl);
  const primary = new URL(serverUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-standby-'));
  const data = path.join(dir, 'data');
  const slot = `yinfeng_drill_${process.pid}_${Date.now() % 100_000}`;
  const port = await freePort();
  let running = false;
  const pgCtl = (...args: string[]) => asPostgres(`${bin}/pg_ctl`, ['-D', data, ...args]);

  const destroy = async () => {
    if (running) {
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } catch {
        /* already stopped */
      }
      running = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await serverQuery(serverUrl, `select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '${slot}'`).catch(() => undefined);
  };

  try {
    if (os.userInfo().username === 'root') execFileSync('chown', ['postgres:postgres', dir]);
    fs.chmodSync(dir, 0o700);
    const superuser = decodeURIComponent(primary.username) || 'postgres';
    asPostgres(`${bin}/pg_basebackup`, ['-h', primary.hostname, '-p', primary.port || '5432', '-U', superuser, '-D', data, '-X', 'stream', '-R', '-C', '-S', slot, '-c', 'fast', '--no-sync']);
    // a hot standby needs at least the primary's limits; Debian keeps postgresql.conf outside the data directory
    const limits = await serverQuery<{ name: string; setting: string }>(
      serverUrl,
      "select name, setting from pg_settings where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')",
    );
    const conf = [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      `hba_file = '${path.join(dir, 'pg_hba.conf')}'`,
      `ident_file = '${path.join(dir, 'pg_ident.conf')}'`,
      'hot_standby = on',
      'shared_buffers = 32MB',
      'ssl = off',
      'fsync = off',
      "cluster_name = 'yinfeng-drill-standby'",
      ...limits.map((l) => `${l.name} = ${l.setting}`),
    ];
    fs.writeFileSync(path.join(data, 'postgresql.conf'), `${conf.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    fs.writeFileSync(path.join(dir, 'pg_ident.conf'), '');
    if (os.userInfo().username === 'root') execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  } catch (err) {
    await destroy();
    throw err;
  }

  const standbyUrl = new URL(serverUrl);
  standbyUrl.port = String(port);
  const standby: Standby = {
    port,
    urlOf(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    query: (text) => serverQuery(standbyUrl.toString(), text),
    stop() {
      pgCtl('-m', 'fast', '-w', 'stop');
      running = false;
    },
    async start() {
      pgCtl('-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start');
      running = true;
      for (let i = 0; i < 100; i++) {
        const ok = await serverQuery<{ r: boolean }>(standbyUrl.toString(), 'select pg_is_in_recovery() as r').then((rows) => rows[0]?.r === true, () => false);
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`备库未就绪：${fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000)}`);
    },
    destroy,
  };
  try {
    await standby.start();
  } catch (err) {
    await destroy();
    throw err;
  }
  return standby;
}

/**
 * The one configuration object, built from the environment at start and validated with zod.
 * A bad value stops start-up with a message naming the variable.
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { SecurityPolicy } from '../domain/password-policy';

const integer = (name: string, def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} 须为 ${min}–${max} 之间的整数，当前为 "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const flag = (name: string, def: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: `${name} 须为 true 或 false，当前为 "${v}"` });
      return z.NEVER;
    });

const envSchema = z.object({
  PORT: integer('PORT', 3000, 1, 65535),
  HOST: z.string().optional().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_URL 须以 postgres:// 或 postgresql:// 开头',
    }),
  YINFENG_OWNER_DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'YINFENG_OWNER_DATABASE_URL 须以 postgres:// 或 postgresql:// 开头',
    }),
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const urls = (v ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      for (const u of urls) {
        if (!/^postgres(ql)?:\/\/[^/]/.test(u) || !URL.canParse(u)) {
          ctx.addIssue({ code: 'custom', message: `DATABASE_REPLICA_URLS 须为逗号分隔的 postgres:// 或 postgresql:// 连接地址（只读副本），当前含 "${u.replace(/:[^:@/]*@/, ':…@')}"` });
          return z.NEVER;
        }
      }
      return urls;
    }),
  DATABASE_REPLICA_MAX_LAG_MS: integer('DATABASE_REPLICA_MAX_LAG_MS', 5_000, 100, 3_600_000),
  DATABASE_REPLICA_CHECK_MS: integer('DATABASE_REPLICA_CHECK_MS', 2_000, 100, 60_000),
  DATABASE_REPLICA_RYW_MS: integer('DATABASE_REPLICA_RYW_MS', 15_000, 100, 3_600_000),
  DATABASE_REPLICA_POOL_MAX: integer('DATABASE_REPLICA_POOL_MAX', 0, 1, 500),
  YINFENG_AUDIT_SEAL_SECONDS: integer('YINFENG_AUDIT_SEAL_SECONDS', 60, 0, 24 * 3600),
  YINFENG_DATA_DIR: z.string().optional().default('./data'),
  YINFENG_COOKIE_SECURE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = (v ?? '').trim().toLowerCase() || 'auto';
      if (value === 'auto' || value === 'true' || value === 'false') return value;
      ctx.addIssue({ code: 'custom', message: `YINFENG_COOKIE_SECURE 须为 auto、true 或 false，当前为 "${v}"` });
      return z.NEVER;
    }),
  YINFENG_TRUST_PROXY: flag('YINFENG_TRUST_PROXY', false),
  YINFENG_PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const origins: string[] = [];
      for (const part of (v ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
        let origin: string | null = null;
        try {
          const url = new URL(part);
          const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
          if ((url.protocol === 'http:' || url.protocol === 'https:') && bare) origin = url.origin;
        } catch {
          origin = null;
        }
        if (!origin) {
          ctx.addIssue({ code: 'custom', message: `YINFENG_PUBLIC_ORIGIN 须为逗号分隔的站点地址（如 https://zs.example.gov.cn），当前含 "${part}"` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    }),
  YINFENG_SESSION_IDLE_MINUTES: integer('YINFENG_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
  YINFENG_SESSION_ABSOLUTE_HOURS: integer('YINFENG_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 14),
  YINFENG_LOGIN_MAX_FAILURES: integer('YINFENG_LOGIN_MAX_FAILURES', 5, 1, 100),
  YINFENG_LOGIN_LOCK_MINUTES: integer('YINFENG_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
  YINFENG_PASSWORD_MIN_LENGTH: integer('YINFENG_PASSWORD_MIN_LENGTH', 8, 6, 64),
  YINFENG_PASSWORD_MIN_CLASSES: integer('YINFENG_PASSWORD_MIN_CLASSES', 3, 1, 4),
  YINFENG_IMPORT_MAX_MB: integer('YINFENG_IMPORT_MAX_MB', 2048, 1, 65536),
  YINFENG_ROLLUP_WARMUP: flag('YINFENG_ROLLUP_WARMUP', true),
  YINFENG_REQUEST_LOG: flag('YINFENG_REQUEST_LOG', true),
  YINFENG_ROLLUP_WARMUP_MINUTES: integer('YINFENG_ROLLUP_WARMUP_MINUTES', 5, 1, 24 * 60),
  YINFENG_DB_POOL_MAX: integer('YINFENG_DB_POOL_MAX', 10, 1, 500),
  YINFENG_DB_POOL_WAIT_MS: integer('YINFENG_DB_POOL_WAIT_MS', 3000, 100, 600_000),
  YINFENG_DB_STATEMENT_TIMEOUT_MS: integer('YINFENG_DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 86_400_000),
  YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS: integer('YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS', 0, 0, 86_400_000),
  YINFENG_DB_LOCK_TIMEOUT_MS: integer('YINFENG_DB_LOCK_TIMEOUT_MS', 5_000, 0, 86_400_000),
  YINFENG_REQUESTS_MAX_ACTIVE: integer('YINFENG_REQUESTS_MAX_ACTIVE', 0, 1, 10_000),
  YINFENG_REQUESTS_MAX_QUEUED: integer('YINFENG_REQUESTS_MAX_QUEUED', 100, 0, 100_000),
  YINFENG_REQUESTS_QUEUE_WAIT_MS: integer('YINFENG_REQUESTS_QUEUE_WAIT_MS', -1, 0, 600_000),
  YINFENG_PUBLIC_RATE_LIMIT: integer('YINFENG_PUBLIC_RATE_LIMIT', 120, 1, 1_000_000),
  YINFENG_PUBLIC_RATE_WINDOW_SECONDS: integer('YINFENG_PUBLIC_RATE_WINDOW_SECONDS', 60, 1, 24 * 3600),
  YINFENG_PUBLIC_BODY_MAX_KB: integer('YINFENG_PUBLIC_BODY_MAX_KB', 64, 1, 10 * 1024),
  YINFENG_PUBLIC_MAX_ACTIVE: integer('YINFENG_PUBLIC_MAX_ACTIVE', 0, 1, 10_000),
  YINFENG_PUBLIC_CACHE_SECONDS: integer('YINFENG_PUBLIC_CACHE_SECONDS', 10, 0, 3600),
  YINFENG_METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = (v ?? '').trim();
      if (value === '') return null;
      if (value.length < 16 || !/^[\x21-\x7e]+$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'YINFENG_METRICS_TOKEN 须为至少 16 个字符的口令（可见 ASCII 字符，不含空格），例如 openssl rand -hex 24 的输出' });
        return z.NEVER;
      }
      return value;
    }),
  YINFENG_METRICS_ALLOW: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const ranges: string[] = [];
      for (const part of (v ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
        const range = parseAddressRange(part);
        if (!range) {
          ctx.addIssue({ code: 'custom', message: `YINFENG_METRICS_ALLOW 须为逗号分隔的地址或网段（如 10.0.0.0/8,127.0.0.1,::1），当前含 "${part}"` });
          return z.NEVER;
        }
        ranges.push(range);
      }
      return ranges;
    }),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = (v ?? '').trim().toLowerCase() || 'info';
      if (['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(value)) return value;
      ctx.addIssue({ code: 'custom', message: `LOG_LEVEL 须为 fatal、error、warn、info、debug、trace 或 silent，当前为 "${v}"` });
      return z.NEVER;
    }),
});

export interface Config {
  port: number;
  host: string;
  /**
   * PostgreSQL: `url` (DATABASE_URL) is the application role's connection; `ownerUrl`
   * (YINFENG_OWNER_DATABASE_URL) the schema owner's, used only to migrate and grant (src/db/roles.ts).
   * Without it the application role migrates itself if it may (single-role mode, warned at start).
   */
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; ownerUrl?: string };
  /**
   * Read replicas (hot standbys of the PostgreSQL primary; src/db/replicas/): DATABASE_REPLICA_URLS, the lag
   * beyond which a replica is skipped (DATABASE_REPLICA_MAX_LAG_MS), how often each is checked
   * (DATABASE_REPLICA_CHECK_MS), how long a user's reads stay on the primary after the user's write at most
   * (DATABASE_REPLICA_RYW_MS) and each replica's pool (DATABASE_REPLICA_POOL_MAX; half the primary's, at
   * least 2). Embedded mode has none: `refused` then says why the variable is ignored.
   */
  replicas: { urls: string[]; maxLagMs: number; checkMs: number; rywMs: number; poolMax: number; refused: string | null };
  /** how often `yinfeng serve` seals the audit hash chain (YINFENG_AUDIT_SEAL_SECONDS; 0 = never, only `audit verify`) */
  auditSealSeconds: number;
  /** YINFENG_DATA_DIR, resolved: also where uploaded import files wait for their job (imports/) */
  dataDir: string;
  /** largest file a background import job accepts (YINFENG_IMPORT_MAX_MB) */
  importJobMaxBytes: number;
  /**
   * The background warm-up of the statistics' funds rollups in `yinfeng serve`: on (YINFENG_ROLLUP_WARMUP),
   * and how often it checks for stale rollups (YINFENG_ROLLUP_WARMUP_MINUTES).
   */
  rollupWarmup: { enabled: boolean; intervalMinutes: number };
  /**
   * How much work the server takes on at once (src/http/plugins/load-shedding.ts, src/db/pool-settings.ts):
   * PostgreSQL pool size and the bounded wait for a free connection; the statement timeout of requests
   * and of long work (import jobs, imports, the rollup warm-up, migrations; 0 = none); requests processed
   * at once, waiting at most, and how long one may wait before 503. Statement timeouts and the pool do
   * not apply to embedded PGlite (one connection, no timer): there the request limits bound the queue.
   */
  capacity: {
    poolMax: number;
    poolWaitMs: number;
    statementTimeoutMs: number;
    jobStatementTimeoutMs: number;
    /** how long a request's statement waits for a lock (e.g. writers during a bulk enterprise load), ms; 0 for no limit */
    lockTimeoutMs: number;
    maxActiveRequests: number;
    maxQueuedRequests: number;
    queueWaitMs: number;
  };
  /**
   * The public side (/api/public/…, /portal/…; src/http/plugins/public-side.ts): requests per client
   * address in a window (YINFENG_PUBLIC_RATE_LIMIT per YINFENG_PUBLIC_RATE_WINDOW_SECONDS; counted in each app
   * process separately), the largest request body (YINFENG_PUBLIC_BODY_MAX_KB) and how many public requests
   * run at once (YINFENG_PUBLIC_MAX_ACTIVE; unset: half of the internal limit, at least 1), in a gate of their
   * own so anonymous readers never take internal users' places; successful public reads are kept for
   * YINFENG_PUBLIC_CACHE_SECONDS (0: none; plugins/public-cache.ts).
   */
  publicSide: { rateLimit: number; rateWindowSeconds: number; bodyMaxBytes: number; maxActiveRequests: number; cacheSeconds: number };
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  /**
   * YINFENG_PUBLIC_ORIGIN: the origins browsers reach the site under (https://zs.example.gov.cn); the CSRF check
   * compares a state-changing request's Origin with them. Empty: the request's own scheme and Host.
   */
  publicOrigins: string[];
  logLevel: string;
  /** one JSON line per answered request at info level (YINFENG_REQUEST_LOG; http/request-log.ts) */
  requestLog: boolean;
  /**
   * Who may read /metrics (http/plugins/metrics.ts): a bearer token (YINFENG_METRICS_TOKEN) and/or client
   * address ranges (YINFENG_METRICS_ALLOW, as address/prefix). Each one configured must be satisfied;
   * neither configured: /metrics answers 404.
   */
  metrics: { token: string | null; allow: string[] };
  /** Defaults of the security policy until the security administrator changes it in the UI. */
  policyDefaults: SecurityPolicy;
}

/** An address or CIDR range as `address/prefix` (a bare address is a /32 or /128), or null when it is not one. */
export function parseAddressRange(text: string): string | null {
  const [address = '', prefix, extra] = text.split('/');
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return null;
  return `${address}/${Number(prefix)}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 (configuration error):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The owner's URL needs the application's, and must name another role. */
function checkOwnerUrl(url: string | undefined, ownerUrl: string | undefined): string | null {
  if (!ownerUrl) return null;
  if (!url) return 'YINFENG_OWNER_DATABASE_URL 须与 DATABASE_URL 一起设置：DATABASE_URL 为应用角色的连接，YINFENG_OWNER_DATABASE_URL 为表所有者（迁移）的连接';
  const user = (u: string) => {
    try {
      return decodeURIComponent(new URL(u).username);
    } catch {
      return '';
    }
  };
  if (user(url) && user(url) === user(ownerUrl)) {
    return `YINFENG_OWNER_DATABASE_URL 与 DATABASE_URL 使用同一角色 "${user(url)}"：应用角色须是另一个不拥有任何表的角色`;
  }
  return null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        return i.message.includes(name) ? i.message : `${name}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  const url = e.DATABASE_URL?.trim();
  const ownerUrl = e.YINFENG_OWNER_DATABASE_URL?.trim() || undefined;
  const ownerProblem = checkOwnerUrl(url, ownerUrl);
  if (ownerProblem) throw new ConfigError([ownerProblem]);
  // unset (0): twice this machine's cores on PostgreSQL, at most the pool (more at once share the same cores
  // and each takes longer: on 2 cores 4 at once served 2.5 times what 10 did, bench:load); 4 on PGlite
  const maxActiveRequests = e.YINFENG_REQUESTS_MAX_ACTIVE || (url ? Math.min(e.YINFENG_DB_POOL_MAX, 2 * os.availableParallelism()) : 4);
  return {
    port: e.PORT,
    host: e.HOST,
    database: url ? { kind: 'postgres', url, ...(ownerUrl ? { ownerUrl } : {}) } : { kind: 'pglite', dataDir: path.resolve(e.YINFENG_DATA_DIR) },
    replicas: {
      urls: url ? e.DATABASE_REPLICA_URLS : [],
      maxLagMs: e.DATABASE_REPLICA_MAX_LAG_MS,
      checkMs: e.DATABASE_REPLICA_CHECK_MS,
      rywMs: e.DATABASE_REPLICA_RYW_MS,
      poolMax: e.DATABASE_REPLICA_POOL_MAX || Math.max(2, Math.ceil(e.YINFENG_DB_POOL_MAX / 2)),
      refused:
        !url && e.DATABASE_REPLICA_URLS.length > 0
          ? 'DATABASE_REPLICA_URLS 已忽略：只读副本只用于 PostgreSQL（设置 DATABASE_URL 时），嵌入式数据库只有一个连接、没有副本'
          : null,
    },
    auditSealSeconds: e.YINFENG_AUDIT_SEAL_SECONDS,
    dataDir: path.resolve(e.YINFENG_DATA_DIR),
    importJobMaxBytes: e.YINFENG_IMPORT_MAX_MB * 1024 * 1024,
    rollupWarmup: { enabled: e.YINFENG_ROLLUP_WARMUP, intervalMinutes: e.YINFENG_ROLLUP_WARMUP_MINUTES },
    capacity: {
      poolMax: e.YINFENG_DB_POOL_MAX,
      poolWaitMs: e.YINFENG_DB_POOL_WAIT_MS,
      statementTimeoutMs: e.YINFENG_DB_STATEMENT_TIMEOUT_MS,
      jobStatementTimeoutMs: e.YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: e.YINFENG_DB_LOCK_TIMEOUT_MS,
      maxActiveRequests,
      maxQueuedRequests: e.YINFENG_REQUESTS_MAX_QUEUED,
      // unset: 2 s on PostgreSQL; 10 s on PGlite, where one page's burst of requests (a dashboard) takes turns on
      // the one connection and a small installation should wait rather than refuse
      queueWaitMs: e.YINFENG_REQUESTS_QUEUE_WAIT_MS >= 0 ? e.YINFENG_REQUESTS_QUEUE_WAIT_MS : url ? 2000 : 10_000,
    },
    publicSide: {
      rateLimit: e.YINFENG_PUBLIC_RATE_LIMIT,
      rateWindowSeconds: e.YINFENG_PUBLIC_RATE_WINDOW_SECONDS,
      bodyMaxBytes: e.YINFENG_PUBLIC_BODY_MAX_KB * 1024,
      maxActiveRequests: e.YINFENG_PUBLIC_MAX_ACTIVE || Math.max(1, Math.floor(maxActiveRequests / 2)),
      cacheSeconds: e.YINFENG_PUBLIC_CACHE_SECONDS,
    },
    cookieSecure: e.YINFENG_COOKIE_SECURE === 'auto' ? 'auto' : e.YINFENG_COOKIE_SECURE === 'true' ? 'always' : 'never',
    trustProxy: e.YINFENG_TRUST_PROXY,
    publicOrigins: e.YINFENG_PUBLIC_ORIGIN,
    logLevel: e.LOG_LEVEL,
    requestLog: e.YINFENG_REQUEST_LOG,
    metrics: { token: e.YINFENG_METRICS_TOKEN, allow: e.YINFENG_METRICS_ALLOW },
    policyDefaults: {
      passwordMinLength: e.YINFENG_PASSWORD_MIN_LENGTH,
      passwordMinClasses: e.YINFENG_PASSWORD_MIN_CLASSES,
      maxFailedLogins: e.YINFENG_LOGIN_MAX_FAILURES,
      lockMinutes: e.YINFENG_LOGIN_LOCK_MINUTES,
      sessionIdleMinutes: e.YINFENG_SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: e.YINFENG_SESSION_ABSOLUTE_HOURS,
    },
  };
}

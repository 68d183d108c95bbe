import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('reads the public side’s limits and refuses a bad one naming the variable', () => {
    expect(loadConfig({ YINFENG_PUBLIC_RATE_LIMIT: '10', YINFENG_PUBLIC_MAX_ACTIVE: '3', YINFENG_PUBLIC_BODY_MAX_KB: '8', YINFENG_PUBLIC_CACHE_SECONDS: '0' }).publicSide).toEqual({
      rateLimit: 10,
      rateWindowSeconds: 60,
      bodyMaxBytes: 8192,
      maxActiveRequests: 3,
      cacheSeconds: 0,
    });
    expect(() => loadConfig({ YINFENG_PUBLIC_CACHE_SECONDS: '-1' })).toThrow(/YINFENG_PUBLIC_CACHE_SECONDS/);
    expect(loadConfig({ YINFENG_REQUESTS_MAX_ACTIVE: '9' }).publicSide.maxActiveRequests).toBe(4);
    expect(() => loadConfig({ YINFENG_PUBLIC_RATE_LIMIT: '0' })).toThrow(/YINFENG_PUBLIC_RATE_LIMIT/);
  });

  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      database: { kind: 'pglite', dataDir: path.resolve('./data') },
      dataDir: path.resolve('./data'),
      importJobMaxBytes: 2048 * 1024 * 1024,
      rollupWarmup: { enabled: true, intervalMinutes: 5 },
      auditSealSeconds: 60,
      capacity: { poolMax: 10, poolWaitMs: 3000, statementTimeoutMs: 30_000, jobStatementTimeoutMs: 0, lockTimeoutMs: 5_000, maxActiveRequests: 4, maxQueuedRequests: 100, queueWaitMs: 10_000 },
      // the public side: 120 requests a minute per address, 64 KB bodies, half the internal limit at once (4 / 2)
      publicSide: { rateLimit: 120, rateWindowSeconds: 60, bodyMaxBytes: 65_536, maxActiveRequests: 2, cacheSeconds: 10 },
      cookieSecure: 'auto',
      trustProxy: false,
      publicOrigins: [],
      logLevel: 'info',
      requestLog: true,
      metrics: { token: null, allow: [] },
      // no read replicas; their settings' defaults (a pool half the primary's, lag limit 5 s, read-your-writes 15 s)
      replicas: { urls: [], maxLagMs: 5000, checkMs: 2000, rywMs: 15_000, poolMax: 5, refused: null },
      policyDefaults: {
        passwordMinLength: 8,
        passwordMinClasses: 3,
        maxFailedLogins: 5,
        lockMinutes: 15,
        sessionIdleMinutes: 30,
        sessionAbsoluteHours: 12,
      },
    });
  });

  it('reads the metrics token and address list, refusing bad values with a message naming the variable', () => {
    expect(loadConfig({ YINFENG_METRICS_TOKEN: ' 0123456789abcdef ', YINFENG_METRICS_ALLOW: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8' }).metrics).toEqual({
      token: '0123456789abcdef',
      allow: ['10.0.0.0/8', '127.0.0.1/32', '::1/128', 'fd00::/8'],
    });
    expect(() => loadConfig({ YINFENG_METRICS_TOKEN: 'short' })).toThrow(/YINFENG_METRICS_TOKEN 须为至少 16 个字符/);
    expect(() => loadConfig({ YINFENG_METRICS_TOKEN: 'has a space in the middle' })).toThrow(/YINFENG_METRICS_TOKEN/);
    for (const bad of ['10.0.0.0/33', 'example.org', '10.0.0.1/8/1', '::1/129', '10.0.0/8']) {
      expect(() => loadConfig({ YINFENG_METRICS_ALLOW: bad }), bad).toThrow(new RegExp(`YINFENG_METRICS_ALLOW 须为逗号分隔的地址或网段.*"${bad.replace(/[./]/g, '\\$&')}"`));
    }
  });

  it('treats empty and blank values as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', YINFENG_TRUST_PROXY: ' ', YINFENG_SESSION_IDLE_MINUTES: '  ' });
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.resolve('./data') });
    expect(c.trustProxy).toBe(false);
    expect(c.policyDefaults.sessionIdleMinutes).toBe(30);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app:secret@db.example:5432/yinfeng' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://app:secret@db.example:5432/yinfeng',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/yinfeng', YINFENG_DATA_DIR: '/srv/ignored' }).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://localhost/yinfeng',
    });
  });

  it('resolves YINFENG_DATA_DIR to an absolute directory', () => {
    expect(loadConfig({ YINFENG_DATA_DIR: '/var/lib/yinfeng' }).database).toEqual({ kind: 'pglite', dataDir: '/var/lib/yinfeng' });
    expect(loadConfig({ YINFENG_DATA_DIR: 'var/yf' }).database).toEqual({ kind: 'pglite', dataDir: path.join(process.cwd(), 'var', 'yf') });
  });

  it('reads every other variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      YINFENG_COOKIE_SECURE: 'true',
      YINFENG_TRUST_PROXY: 'yes',
      LOG_LEVEL: 'warn',
      YINFENG_SESSION_IDLE_MINUTES: '1',
      YINFENG_SESSION_ABSOLUTE_HOURS: '336',
      YINFENG_LOGIN_MAX_FAILURES: '10',
      YINFENG_LOGIN_LOCK_MINUTES: '60',
      YINFENG_PASSWORD_MIN_LENGTH: '12',
      YINFENG_PASSWORD_MIN_CLASSES: '4',
    });
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.cookieSecure).toBe('always');
    expect(c.trustProxy).toBe(true);
    expect(c.logLevel).toBe('warn');
    expect(c.policyDefaults).toEqual({
      passwordMinLength: 12,
      passwordMinClasses: 4,
      maxFailedLogins: 10,
      lockMinutes: 60,
      sessionIdleMinutes: 1,
      sessionAbsoluteHours: 336,
    });
    expect(loadConfig({ YINFENG_COOKIE_SECURE: 'false' }).cookieSecure).toBe('never');
    expect(loadConfig({ YINFENG_COOKIE_SECURE: 'auto' }).cookieSecure).toBe('auto');
    for (const v of ['1', 'true', 'TRUE', 'on', 'Yes']) expect(loadConfig({ YINFENG_TRUST_PROXY: v }).trustProxy).toBe(true);
    for (const v of ['0', 'false', 'no', 'OFF']) expect(loadConfig({ YINFENG_TRUST_PROXY: v }).trustProxy).toBe(false);
  });

  it('accepts the bounds of each range', () => {
    expect(loadConfig({ PORT: '1' }).port).toBe(1);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({ YINFENG_SESSION_IDLE_MINUTES: '1440' }).policyDefaults.sessionIdleMinutes).toBe(1440);
  });

  it.each([
    ['PORT', 'abc', 'PORT 须为 1–65535 之间的整数，当前为 "abc"'],
    ['PORT', '70000', 'PORT 须为 1–65535 之间的整数，当前为 "70000"'],
    ['PORT', '0', 'PORT 须为 1–65535 之间的整数，当前为 "0"'],
    ['PORT', '80.5', 'PORT 须为 1–65535 之间的整数，当前为 "80.5"'],
    ['PORT', '-1', 'PORT 须为 1–65535 之间的整数，当前为 "-1"'],
    ['YINFENG_SESSION_IDLE_MINUTES', '0', 'YINFENG_SESSION_IDLE_MINUTES 须为 1–1440 之间的整数，当前为 "0"'],
    ['YINFENG_SESSION_IDLE_MINUTES', '1441', 'YINFENG_SESSION_IDLE_MINUTES 须为 1–1440 之间的整数，当前为 "1441"'],
    ['YINFENG_PASSWORD_MIN_LENGTH', '5', 'YINFENG_PASSWORD_MIN_LENGTH 须为 6–64 之间的整数，当前为 "5"'],
    ['YINFENG_PASSWORD_MIN_CLASSES', '5', 'YINFENG_PASSWORD_MIN_CLASSES 须为 1–4 之间的整数，当前为 "5"'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL 须以 postgres:// 或 postgresql:// 开头'],
    ['YINFENG_TRUST_PROXY', 'perhaps', 'YINFENG_TRUST_PROXY 须为 true 或 false，当前为 "perhaps"'],
  ])('refuses %s=%s with a message naming the variable', (name, value, problem) => {
    const err = configError({ [name]: value });
    expect(err.problems).toEqual([problem]);
    expect(err.message).toBe(`配置错误 (configuration error):\n  - ${problem}`);
  });

  it.each([
    ['YINFENG_COOKIE_SECURE', 'maybe', 'YINFENG_COOKIE_SECURE 须为 auto、true 或 false，当前为 "maybe"'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL 须为 fatal、error、warn、info、debug、trace 或 silent，当前为 "verbose"'],
  ])('refuses %s=%s (an enumeration) with a Chinese message naming the variable and the allowed values', (name, value, message) => {
    const err = configError({ [name]: value });
    expect(err.problems).toEqual([message]);
  });

  it('reads YINFENG_PUBLIC_ORIGIN as a list of origins (scheme, host, port) and refuses anything else', () => {
    expect(loadConfig({ YINFENG_PUBLIC_ORIGIN: 'https://ZS.example.gov.cn/' }).publicOrigins).toEqual(['https://zs.example.gov.cn']);
    expect(loadConfig({ YINFENG_PUBLIC_ORIGIN: ' https://zs.example.gov.cn:443 , http://10.1.2.3:3000 ' }).publicOrigins).toEqual([
      'https://zs.example.gov.cn',
      'http://10.1.2.3:3000',
    ]);
    for (const bad of ['zs.example.gov.cn', 'https://zs.example.gov.cn/app', 'ftp://zs.example.gov.cn', 'https://a@zs.example.gov.cn']) {
      expect(configError({ YINFENG_PUBLIC_ORIGIN: bad }).problems, bad).toEqual([
        `YINFENG_PUBLIC_ORIGIN 须为逗号分隔的站点地址（如 https://zs.example.gov.cn），当前含 "${bad}"`,
      ]);
    }
  });

  it('accepts enumerations in any case', () => {
    expect(loadConfig({ YINFENG_COOKIE_SECURE: 'TRUE', LOG_LEVEL: 'Debug' })).toMatchObject({ cookieSecure: 'always', logLevel: 'debug' });
  });

  it('reports every bad variable at once', () => {
    const err = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', YINFENG_TRUST_PROXY: 'perhaps' });
    expect(err.problems).toHaveLength(3);
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).toContain('YINFENG_TRUST_PROXY');
    expect(err.name).toBe('ConfigError');
  });
});

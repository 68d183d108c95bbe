import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('capacity configuration (pool, statement timeouts, load shedding)', () => {
  it('has defaults sized for the machine, active requests following the runtime and the cores', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/yinfeng' }).capacity).toEqual({
      poolMax: 10,
      poolWaitMs: 3000,
      statementTimeoutMs: 30_000,
      jobStatementTimeoutMs: 0,
      lockTimeoutMs: 5_000,
      maxActiveRequests: Math.min(10, 2 * os.availableParallelism()),
      maxQueuedRequests: 100,
      queueWaitMs: 2000,
    });
    // embedded PGlite has one connection: a few requests at a time, the rest wait in the bounded queue
    expect(loadConfig({}).capacity.maxActiveRequests).toBe(4);
    // … and a page's burst of requests waits its turn longer there rather than being refused
    expect(loadConfig({}).capacity.queueWaitMs).toBe(10_000);
    expect(loadConfig({ YINFENG_REQUESTS_QUEUE_WAIT_MS: '0' }).capacity.queueWaitMs).toBe(0);
    // the default: twice the cores, at most the pool
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/y', YINFENG_DB_POOL_MAX: '1' }).capacity.maxActiveRequests).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/y', YINFENG_DB_POOL_MAX: '500' }).capacity.maxActiveRequests).toBe(2 * os.availableParallelism());
  });

  it('reads every variable', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://localhost/yinfeng',
      YINFENG_DB_POOL_MAX: '20',
      YINFENG_DB_POOL_WAIT_MS: '1500',
      YINFENG_DB_STATEMENT_TIMEOUT_MS: '5000',
      YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS: '3600000',
      YINFENG_DB_LOCK_TIMEOUT_MS: '1500',
      YINFENG_REQUESTS_MAX_ACTIVE: '30',
      YINFENG_REQUESTS_MAX_QUEUED: '0',
      YINFENG_REQUESTS_QUEUE_WAIT_MS: '500',
    });
    expect(c.capacity).toEqual({
      poolMax: 20,
      poolWaitMs: 1500,
      statementTimeoutMs: 5000,
      jobStatementTimeoutMs: 3_600_000,
      lockTimeoutMs: 1500,
      maxActiveRequests: 30,
      maxQueuedRequests: 0,
      queueWaitMs: 500,
    });
  });

  it('refuses bad values, naming the variable and the allowed range', () => {
    const cases: [string, string][] = [
      ['YINFENG_DB_POOL_MAX', '0'],
      ['YINFENG_DB_POOL_MAX', 'ten'],
      ['YINFENG_DB_POOL_WAIT_MS', '10'],
      ['YINFENG_DB_STATEMENT_TIMEOUT_MS', '-1'],
      ['YINFENG_DB_STATEMENT_TIMEOUT_MS', '2.5'],
      ['YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS', 'forever'],
      ['YINFENG_REQUESTS_MAX_ACTIVE', '0'],
      ['YINFENG_REQUESTS_MAX_QUEUED', '100000000'],
      ['YINFENG_REQUESTS_QUEUE_WAIT_MS', '1e3'],
    ];
    for (const [name, value] of cases) {
      const problems = problemsOf({ [name]: value });
      expect(problems, `${name}=${value}`).toHaveLength(1);
      expect(problems[0]).toContain(name);
      expect(problems[0]).toContain(`"${value}"`);
      expect(problems[0]).toMatch(/须为 \d+–\d+ 之间的整数/);
    }
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ YINFENG_DB_POOL_MAX: '0', YINFENG_REQUESTS_QUEUE_WAIT_MS: 'x' });
    expect(problems.join('\n')).toContain('YINFENG_DB_POOL_MAX');
    expect(problems.join('\n')).toContain('YINFENG_REQUESTS_QUEUE_WAIT_MS');
  });
});

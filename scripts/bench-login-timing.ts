/**
 * Login reply times per branch (issue 10 item 14): unknown user name, wrong password, locked account,
 * disabled account, second factor missing, second factor wrong, and (for reference) success. Each
 * branch runs the same statements and one argon2 verification (test/http/login-timing.test.ts checks
 * the structure); this measures the result: median, p10 and p90 per branch over interleaved samples,
 * and the largest difference of a failure branch's median from the unknown-user median, also as a
 * share of one argon2 verification.
 *
 *   npm run bench:login-timing                 # embedded PGlite in a temporary directory
 *   DATABASE_URL=postgres://… npm run bench:login-timing
 *   LOGIN_BENCH_SAMPLES=200 npm run bench:login-timing
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { verify } from '@node-rs/argon2';
import { loadConfig } from '../src/config/config';
import { buildApp } from '../src/http/app';
import { prepareDatabase } from '../src/cli/prepare-database';
import { createSystemCaller } from '../src/services/context';
import { hashPassword } from '../src/services/accounts/passwords';
import { createUser, setUserStatus } from '../src/services/accounts/users';

const SAMPLES = Number(process.env.LOGIN_BENCH_SAMPLES ?? 60);
const PASSWORD = 'Bench@pass-2026';
const SECRET = 'BENCHTOTPSECRETKEYFORYINFENG2345';

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i] ?? NaN;
}

async function main() {
  const dir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bench-login-'));
  const config = loadConfig({ ...process.env, ...(dir ? { YINFENG_DATA_DIR: dir } : {}) } as Record<string, string>);
  const database = await prepareDatabase(config, 'bench:login-timing');
  const app = await buildApp({ config, database });
  const deps = { db: database.db, config };
  const op = createSystemCaller('bench');
  const suffix = Date.now().toString(36);
  const name = (n: string) => `b${suffix}_${n}`;
  try {
    const add = (n: string, roles: string[], totp = false) =>
      createUser(deps, op, { username: name(n), displayName: n, regionCode: '650109', password: PASSWORD, roles, mustChangePassword: false, ...(totp ? { totpSecret: SECRET } : {}) });
    await add('plain', ['officer']);
    await add('locked', ['officer']);
    const disabled = await add('disabled', ['officer']);
    await setUserStatus(deps, op, disabled.id, 'disabled', 'bench');
    await add('admin', ['secadmin'], true);
    await database.db.execute(sql`update users set locked_until = now() + interval '1 day' where username = ${name('locked')}`);

    const branches: Record<string, (i: number) => Record<string, string>> = {
      unknownUser: (i) => ({ username: name(`ghost${i}`), password: 'Wrong-pass-1' }),
      wrongPassword: () => ({ username: name('plain'), password: 'Wrong-pass-1' }),
      locked: () => ({ username: name('locked'), password: PASSWORD }),
      disabled: () => ({ username: name('disabled'), password: PASSWORD }),
      totpMissing: () => ({ username: name('admin'), password: PASSWORD }),
      totpWrong: () => ({ username: name('admin'), password: PASSWORD, totp: '000001' }),
      success: () => ({ username: name('plain'), password: PASSWORD }),
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(branches).map((k) => [k, []]));
    // warm-up: one of each
    for (const make of Object.values(branches)) await app.inject({ method: 'POST', url: '/api/auth/login', payload: make(-1), remoteAddress: '192.0.2.1' });
    for (let i = 0; i < SAMPLES; i++) {
      for (const [branch, make] of Object.entries(branches)) {
        // outside the timed part: forget the limits and the wrong-password count, so every sample takes its branch
        await database.db.execute(sql`delete from login_failures`);
        await database.db.execute(sql`update users set failed_login_count = 0, locked_until = case when username = ${name('locked')} then locked_until else null end where username like ${`b${suffix}_%`}`);
        const started = process.hrtime.bigint();
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: make(i), remoteAddress: `192.0.2.${(i % 200) + 2}` });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const expected = branch === 'success' ? 200 : 401;
        if (res.statusCode !== expected) throw new Error(`${branch}: ${res.statusCode} ${res.body}`);
        times[branch]!.push(ms);
      }
    }
    const argon: number[] = [];
    const hash = await hashPassword(PASSWORD);
    for (let i = 0; i < SAMPLES; i++) {
      const started = process.hrtime.bigint();
      await verify(hash, 'Wrong-pass-1');
      argon.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    argon.sort((a, b) => a - b);
    const argonMedian = quantile(argon, 0.5);
    console.log(`登录耗时（${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}，每分支 ${SAMPLES} 次交替采样，毫秒）`);
    console.log('branch           median     p10     p90');
    const medians: Record<string, number> = {};
    for (const [branch, list] of Object.entries(times)) {
      list.sort((a, b) => a - b);
      medians[branch] = quantile(list, 0.5);
      console.log(`${branch.padEnd(15)} ${quantile(list, 0.5).toFixed(1).padStart(7)} ${quantile(list, 0.1).toFixed(1).padStart(7)} ${quantile(list, 0.9).toFixed(1).padStart(7)}`);
    }
    console.log(`argon2 verify   ${argonMedian.toFixed(1).padStart(7)} ${quantile(argon, 0.1).toFixed(1).padStart(7)} ${quantile(argon, 0.9).toFixed(1).padStart(7)}`);
    const failures = Object.keys(branches).filter((b) => b !== 'success');
    const worst = Math.max(...failures.map((b) => Math.abs((medians[b] ?? 0) - (medians.unknownUser ?? 0))));
    console.log(`失败分支中位数与“用户不存在”中位数的最大差：${worst.toFixed(1)} ms（一次 argon2 校验的 ${((worst / argonMedian) * 100).toFixed(0)}%）`);
  } finally {
    await app.close();
    await database.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

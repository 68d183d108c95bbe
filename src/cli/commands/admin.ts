/** migrate, seed and user commands: thin adapters over the services, acting as the machine operator. */
import os from 'node:os';
import type { Config } from '../../config/config';
import { selectUserByUsername } from '../../db/queries/accounts/users';
import { AppError } from '../../domain/app-error';
import { requiresSecondFactor, ROLES } from '../../domain/roles';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from '../../seed/demo';
import { createSystemCaller } from '../../services/context';
import { createUser, resetUserPassword, resetUserSecondFactor, setUserStatus } from '../../services/accounts/users';
import { prepareDatabase } from '../prepare-database';

export const MIGRATE_HELP = `用法: yinfeng migrate

对配置的数据库（DATABASE_URL 或嵌入式 YINFENG_DATA_DIR）应用全部迁移并载入参考数据（行政区划、行业分类）。`;

export const SEED_HELP = `用法: yinfeng seed --demo

载入演示数据：演示地市 乌鲁木齐市(650100) 与县区 米东区(650109) 中每个角色一个账号（密码 ${DEMO_PASSWORD}）以及演示园区。
三个管理员账号已绑定公开的演示动态口令密钥 ${DEMO_TOTP_SECRET}（仅供演示）。
可重复执行：已存在的账号不会改动。PostgreSQL 上不会自动载入演示数据，需要时运行本命令。`;

export const USER_HELP = `用法:
  yinfeng user add --username U --password P --role ROLE --region CODE [--name 姓名] [--totp-secret BASE32]
      新建一个可直接登录的账号（无需首次改密，用于脚本化部署）。ROLE 可重复或用逗号分隔：
      ${ROLES.join(', ')}
      --totp-secret 同时绑定动态口令（TOTP，RFC 6238：SHA-1、6 位、30 秒；Base32 密钥 16–64 位）。
      系统、安全、审计管理员必须使用动态口令：不给此参数时，其首次登录须先绑定。常见弱密码会被拒绝。
  yinfeng user disable --username U --reason 原因
      停用账号并结束其全部会话。
  yinfeng user reset-password --username U --password P --reason 原因
      重置密码（用户下次登录须修改），解除锁定，结束其全部会话。
  yinfeng user reset-totp --username U --reason 原因
      重置动态口令（手机丢失等）：解除绑定、作废恢复码、结束其全部会话；下次登录重新绑定。`;

function operator() {
  return createSystemCaller(os.userInfo().username);
}

export async function runMigrate(config: Config): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng migrate');
  await database.close();
  console.log(`迁移完成：${database.kind === 'pglite' ? `嵌入式数据库 ${database.location}` : `PostgreSQL ${database.location}`}`);
}

export async function runSeed(config: Config, demo: boolean): Promise<void> {
  if (!demo) throw new AppError('VALIDATION', '请指定要载入的数据：yinfeng seed --demo');
  const database = await prepareDatabase(config, 'yinfeng seed');
  try {
    await seedDemo({ db: database.db, config });
    console.log(`演示数据已载入。演示账号（密码 ${DEMO_PASSWORD}）：${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
    console.log(`管理员 sysadmin、secadmin、auditor 另需动态口令：验证器手动添加密钥 ${DEMO_TOTP_SECRET}，或运行 npx tsx scripts/totp-code.ts`);
  } finally {
    await database.close();
  }
}

export interface UserAddArgs {
  username: string;
  password: string;
  roles: string[];
  region: string;
  name?: string;
  totpSecret?: string;
}

export async function runUserAdd(config: Config, args: UserAddArgs): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng user add');
  try {
    const user = await createUser({ db: database.db, config }, operator(), {
      username: args.username,
      displayName: args.name ?? args.username,
      regionCode: args.region,
      password: args.password,
      roles: args.roles,
      mustChangePassword: false,
      ...(args.totpSecret !== undefined ? { totpSecret: args.totpSecret } : {}),
    });
    const factor = args.totpSecret !== undefined ? '，已绑定动态口令' : requiresSecondFactor(user.roles) ? '；首次登录须绑定动态口令' : '';
    console.log(`已创建用户 ${user.username}（${user.roles.join(', ') || '无角色'}，地区 ${user.regionName} ${user.regionCode}${factor}）`);
  } finally {
    await database.close();
  }
}

async function findUserId(config: Config, database: Awaited<ReturnType<typeof prepareDatabase>>, username: string) {
  const user = await selectUserByUsername(database.db, username);
  if (!user) throw new AppError('NOT_FOUND', `用户 ${username} 不存在`);
  return { deps: { db: database.db, config }, id: user.id };
}

export async function runUserDisable(config: Config, username: string, reason: string): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng user disable');
  try {
    const { deps, id } = await findUserId(config, database, username);
    await setUserStatus(deps, operator(), id, 'disabled', reason);
    console.log(`已停用用户 ${username}，其会话已全部结束`);
  } finally {
    await database.close();
  }
}

export async function runUserResetPassword(config: Config, username: string, password: string, reason: string): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng user reset-password');
  try {
    const { deps, id } = await findUserId(config, database, username);
    await resetUserPassword(deps, operator(), id, password, reason);
    console.log(`已重置用户 ${username} 的密码；下次登录须修改密码`);
  } finally {
    await database.close();
  }
}

export async function runUserResetTotp(config: Config, username: string, reason: string): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng user reset-totp');
  try {
    const { deps, id } = await findUserId(config, database, username);
    await resetUserSecondFactor(deps, operator(), id, reason);
    console.log(`已重置用户 ${username} 的动态口令；其会话已全部结束，下次登录须重新绑定`);
  } finally {
    await database.close();
  }
}

/** yinfeng import --kind enterprises refuses a missing --as before it opens any database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_HELP, runImportCommand } from '../../src/cli/commands/import';
import { loadConfig } from '../../src/config/config';
import { isAppError } from '../../src/domain/app-error';

describe('yinfeng import --kind enterprises without --as', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-args-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a Chinese error naming --as and the permission, and leaves the data directory untouched', async () => {
    const file = path.join(dir, '企业.csv');
    fs.writeFileSync(file, '统一社会信用代码,企业名称,注册地区代码\n');
    const dataDir = path.join(dir, 'data');
    const err = await runImportCommand(loadConfig({ YINFENG_DATA_DIR: dataDir }), { file, kind: 'enterprises', dryRun: false }).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    expect((err as Error).message).toContain('请用 --as 用户名 指定，该账号须有“导入企业库”权限');
    expect((err as Error).message).toContain('项目和到位资金的导入可以省略 --as');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('says so in the help', () => {
    expect(IMPORT_HELP).toContain('--kind enterprises 时必填');
  });
});

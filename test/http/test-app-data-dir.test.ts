/** The test app keeps what it writes (uploaded import files) in a temporary data directory it removes on close. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFilesDir } from '../../src/config/data-paths';
import { enterpriseCsv, generatedRows } from '../enterprise-imports/helpers';
import { createTestApp } from '../helpers/app';

describe('createTestApp data directory', () => {
  it('is a fresh directory under the system temp dir, not ./data, and is gone after close', async () => {
    const t = await createTestApp('pglite');
    const dir = t.config.dataDir;
    let closed = false;
    try {
      expect(path.dirname(dir)).toBe(path.resolve(os.tmpdir()));
      expect(dir).not.toBe(path.resolve('./data'));
      await t.createAccount('datadir_officer', ['officer'], '650109');
      const cookie = await t.login('datadir_officer');
      const res = await t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent('企业名录.csv')}`, {
        cookie,
        body: Buffer.from(enterpriseCsv(generatedRows(3, 0))),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(res.statusCode, res.body).toBe(202);
      const { id } = res.json() as { id: string };
      // the queued job's file waits in the test's own data directory
      expect(fs.existsSync(path.join(importFilesDir(t.config), id))).toBe(true);
      expect(fs.existsSync(path.join(path.resolve('./data'), 'imports', id))).toBe(false);
      await t.close();
      closed = true;
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      if (!closed) await t.close();
    }
  });

  it('leaves a directory the test names itself in place', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-own-data-'));
    try {
      const t = await createTestApp('pglite', { YINFENG_DATA_DIR: own });
      expect(t.config.dataDir).toBe(path.resolve(own));
      await t.close();
      expect(fs.existsSync(own)).toBe(true);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});

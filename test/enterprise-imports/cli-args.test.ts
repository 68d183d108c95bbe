/** yinfeng import behaves the same for every kind: --as is an option, the CLI operator the default. */
import { describe, expect, it } from 'vitest';
import { IMPORT_HELP } from '../../src/cli/commands/import';

describe('yinfeng import --kind enterprises without --as', () => {
  it('says in the help that --as is optional for every kind', () => {
    expect(IMPORT_HELP).toContain('yinfeng import --kind enterprises FILE [--as 用户名]');
    expect(IMPORT_HELP).toContain('省略时以命令行操作员身份、全部范围导入');
    expect(IMPORT_HELP).not.toContain('必填');
  });
});

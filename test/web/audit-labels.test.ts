/**
 * The audit log speaks Chinese (issue 11, item 9): every action code and object type the server can
 * write (src/domain/audit-actions.ts, which recordAudit's types enforce) has a label in the web's
 * table (web/src/pages/audit/actions.ts), so no row shows a raw code such as target.set.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from '../../src/domain/audit-actions';
import { actionLabel, hasActionLabel, hasObjectTypeLabel, objectTypeLabel } from '../../web/src/pages/audit/actions';

describe('audit labels', () => {
  it('names every action code the server writes, in Chinese and English', () => {
    expect(AUDIT_ACTIONS.filter((a) => !hasActionLabel(a))).toEqual([]);
    for (const a of AUDIT_ACTIONS) {
      expect(actionLabel(a, 'zh'), a).toMatch(/[\u4e00-\u9fff]/);
      expect(actionLabel(a, 'en'), a).not.toBe(a);
    }
    expect(actionLabel('target.set', 'zh')).toBe('下达年度目标');
    expect(actionLabel('import_job.fail', 'zh')).toBe('导入任务失败');
  });
  it('names every object type the server writes', () => {
    expect(AUDIT_OBJECT_TYPES.filter((t) => !hasObjectTypeLabel(t))).toEqual([]);
    for (const t of AUDIT_OBJECT_TYPES) expect(objectTypeLabel(t, 'zh'), t).toMatch(/[\u4e00-\u9fff]/);
  });
});

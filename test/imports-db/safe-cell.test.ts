import { describe, expect, it } from 'vitest';
import { safeCell, safeText } from '../../src/exports/safe-cell';

describe('safeCell', () => {
  it.each(['=1+2', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil","点我")'])('makes %j inert', (v) => {
    expect(safeCell(v)).toBe(`'${v}`);
  });
  it.each(['示例项目', '1=1', ' =1', '', "'=already", 'a-b'])('leaves %j alone', (v) => {
    expect(safeCell(v)).toBe(v);
  });
  it('keeps null empty', () => {
    expect(safeText(null)).toBeNull();
    expect(safeText(undefined)).toBeNull();
    expect(safeText('-1')).toBe("'-1");
  });
});

import type { Key } from 'react';
import { useMediaQuery } from './media-query';
import type { Breakpoint } from 'antd';

/** Below Ant Design's md breakpoint (768 px), as antd's Grid measures it. */
const PHONE_QUERY = '(max-width: 767.98px)';

/**
 * True on a phone (below the md breakpoint), where pages go to one column and lists keep their key columns.
 * Read from the media query at the first render, so a page does not render for the desk first and then again.
 */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY);
}

interface ColumnLike {
  key?: Key;
  dataIndex?: unknown;
  responsive?: Breakpoint[];
  width?: number | string;
  fixed?: unknown;
}

function columnName(c: ColumnLike): string | undefined {
  if (c.key !== undefined) return String(c.key);
  if (typeof c.dataIndex === 'string') return c.dataIndex;
  if (Array.isArray(c.dataIndex)) return c.dataIndex.join('.');
  return undefined;
}

/**
 * The same columns, with every column not named in `keep` (by key or dataIndex) shown only from the md breakpoint
 * up (Ant Design's `responsive`): a list keeps its two or three key columns on a phone and fits the width. With
 * `phone` (from usePhone) the kept columns also lose their fixed widths and pinning, to share the narrow width.
 */
export function keyColumnsOnPhone<T extends ColumnLike>(columns: readonly T[], keep: readonly string[], phone = false): T[] {
  return columns.map((c) => {
    const name = columnName(c);
    if (name === undefined || !keep.includes(name)) return { ...c, responsive: c.responsive ?? ['md'] };
    return phone ? { ...c, width: undefined, fixed: undefined } : c;
  });
}

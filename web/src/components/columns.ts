import type { ProColumns } from '@ant-design/pro-components';

/**
 * ProTable columns whose `dataIndex` names a field of the row (`T`, a type from src/contracts) or of the
 * search form (`F`): a field renamed in a contract fails `npm run typecheck` here instead of leaving an
 * empty column or a filter the server ignores. Columns without data (actions) leave dataIndex out.
 */
export type CheckedColumns<T, F = object> = (ProColumns<T> & { dataIndex?: Extract<keyof T | keyof F, string> })[];

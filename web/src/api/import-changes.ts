import { api } from './client';
import type { ImportChangePage } from '../../../src/contracts/audit';
import type { PageQuery } from '../../../src/contracts/common';

// The answer's types come from the server's contract (src/contracts/audit.ts).
export type { ImportChange, ImportChangePage } from '../../../src/contracts/audit';

export const importChangesApi = {
  /** The objects an import (its audit entry's object id) created or changed. */
  list: (importId: string, page: number, pageSize: number) =>
    api.get<ImportChangePage>(`/api/audit/imports/${encodeURIComponent(importId)}/changes`, { page, pageSize } satisfies PageQuery),
};

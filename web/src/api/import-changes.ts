import { api } from './client';

/** One object a project/fund import created or changed, with its changed fields before and after. */
export interface ImportChange {
  id: string;
  objectType: 'project' | 'fundReceipt';
  objectId: string;
  projectId: string;
  projectCode: string | null;
  projectName: string | null;
  change: 'create' | 'update';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const importChangesApi = {
  /** The objects an import (its audit entry's object id) created or changed. */
  list: (importId: string, page: number, pageSize: number) =>
    api.get<{ importId: string; fileName: string | null; total: number; items: ImportChange[] }>(`/api/audit/imports/${encodeURIComponent(importId)}/changes`, {
      page,
      pageSize,
    }),
};

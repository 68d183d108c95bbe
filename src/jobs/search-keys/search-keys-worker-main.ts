/** A search-key worker: receives batches of names, scopes and products, answers their search keys. */
import { parentPort } from 'node:worker_threads';
import { buildEnterpriseSearchKeys, type EnterpriseSearchSource } from '../../search/enterprise-search-keys';

export interface KeyRequest {
  id: number;
  items: EnterpriseSearchSource[];
}

parentPort?.on('message', (msg: KeyRequest) => {
  try {
    parentPort?.postMessage({ id: msg.id, keys: msg.items.map((item) => buildEnterpriseSearchKeys(item)) });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort?.postMessage({ ready: true });

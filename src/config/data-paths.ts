/** Folders inside the data directory that more than one layer needs (services write, jobs read). */
import path from 'node:path';
import type { Config } from './config';

/** Where uploaded import files wait for their job. */
export function importFilesDir(config: Config): string {
  return path.join(config.dataDir, 'imports');
}

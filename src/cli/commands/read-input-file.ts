/** The file an import-like command was given, or a clear error naming it. */
import fs from 'node:fs';
import { AppError } from '../../domain/app-error';

export function readInputFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new AppError('NOT_FOUND', `无法读取文件 ${file}：${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

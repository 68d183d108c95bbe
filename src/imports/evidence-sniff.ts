/**
 * What an evidence file (佐证材料) is, by its content: PDF, PNG, JPEG, or an Office (docx, xlsx,
 * pptx) or OFD document — the last two are ZIP archives. A ZIP is accepted only after the file
 * guard's directory checks (entries, declared total, ratio, local headers) and a full pass of the
 * guarded inflater over every entry (streaming, output discarded, stopped at the declared size):
 * a zip bomb is refused (422) here, not stored for a reviewer's Office or WPS to open.
 */
import { AppError } from '../domain/app-error';
import { msg } from '../domain/messages/catalog';
import { readZipDirectory, type ImportFileLimits } from './file-guard';
import { verifyZipInflation } from './zip-inflate';

const MiB = 1024 * 1024;

/** Limits for Office/OFD evidence (the upload itself is at most 10 MiB). */
export const EVIDENCE_ZIP_LIMITS: ImportFileLimits = {
  maxFileBytes: 10 * MiB,
  maxUncompressedBytes: 100 * MiB,
  maxEntries: 5_000,
  maxCompressionRatio: 200,
  ratioExemptBytes: MiB,
};

const WORDING = { archive: msg('file.archiveDocument'), action: msg('file.actionUpload') };

/** The MIME type of an Office/OFD archive by its parts; null when it is some other ZIP. */
function officeType(names: Set<string>): string | null {
  if (names.has('OFD.xml')) return 'application/ofd';
  if (!names.has('[Content_Types].xml')) return null;
  if (names.has('word/document.xml')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.has('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (names.has('ppt/presentation.xml')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return 'application/zip';
}

/**
 * The MIME type of an evidence file, or null when the type is not allowed. Office/OFD files are
 * checked as described above; refusals are AppError (LIMIT_EXCEEDED for a bomb, VALIDATION for a
 * damaged archive) naming the file, the entry and the limit.
 */
export async function sniffEvidenceType(content: Buffer, fileName: string): Promise<string | null> {
  if (content.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  if (content[0] === 0x89 && content.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') return null;
  const entries = readZipDirectory(content, fileName, EVIDENCE_ZIP_LIMITS, WORDING);
  const type = officeType(new Set(entries.map((e) => e.name)));
  if (!type) {
    throw new AppError('VALIDATION', msg('file.notOffice', { file: fileName }), [{ field: 'contentBase64', message: msg('file.typeUnsupported') }]);
  }
  await verifyZipInflation(content, entries, fileName, EVIDENCE_ZIP_LIMITS, msg('file.actionUpload'));
  return type;
}

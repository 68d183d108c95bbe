/**
 * The guard every stored upload passes (projects' evidence, activities' attachments): not empty, at
 * most EVIDENCE_MAX_BYTES, a type told by its content (PDF, images, Office/OFD — archives inflated
 * under the zip-bomb limits of imports/evidence-sniff.ts), and its SHA-256.
 */
import { createHash } from 'node:crypto';
import { EVIDENCE_MAX_BYTES } from '../../contracts/evidence';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { sniffEvidenceType } from '../../imports/evidence-sniff';

export async function checkUploadedFile(contentBase64: string, fileName: string): Promise<{ content: Buffer; mimeType: string; sha256: string }> {
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0) throw new AppError('VALIDATION', msg('project.evidenceEmpty', { file: fileName }), [{ field: 'contentBase64', message: msg('project.evidenceEmptyShort') }]);
  if (content.length > EVIDENCE_MAX_BYTES) {
    throw new AppError('VALIDATION', msg('project.evidenceTooLarge', { file: fileName, max: EVIDENCE_MAX_BYTES / 1024 / 1024 }), [
      { field: 'contentBase64', message: msg('project.evidenceTooLargeShort') },
    ]);
  }
  const mimeType = await sniffEvidenceType(content, fileName);
  if (!mimeType) throw new AppError('VALIDATION', msg('project.evidenceType', { file: fileName }), [{ field: 'fileName', message: msg('file.typeUnsupported') }]);
  return { content, mimeType, sha256: createHash('sha256').update(content).digest('hex') };
}

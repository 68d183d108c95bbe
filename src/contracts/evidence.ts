/** 佐证材料 (evidence files of a project or a receipt): the answer, the upload and its limits; zod only. */
import { z } from 'zod';

export const EVIDENCE_KINDS = ['contract', 'permit', 'bankReceipt', 'other'] as const;
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

/** The largest file the server keeps, 10 MB (the upload is refused above it); a literal, so the web's copy is checked against it. */
export const EVIDENCE_MAX_BYTES = 10_485_760;

export const evidenceSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  fundReceiptId: z.string().nullable(),
  kind: evidenceKindSchema,
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const evidenceUploadBodySchema = z.object({
  kind: evidenceKindSchema,
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1).describe('文件内容（base64）'),
  fundReceiptId: z.string().uuid().nullable().optional(),
});
export type EvidenceUploadBody = z.input<typeof evidenceUploadBodySchema>;

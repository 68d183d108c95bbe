/**
 * Duplicate filings (重复提交): the same contact (phone or e-mail, normalised), the same subject
 * (or both without one) and the same kind, with a similar text, within DUPLICATE_WINDOW_DAYS
 * calendar days of the first filing. A duplicate is stored, linked to the first filing, and the
 * investor is given the first filing's tracking number, so one matter has one number.
 *
 * Similar text: the Jaccard similarity of the two texts' character bigrams (whitespace and
 * punctuation dropped, letters lower-cased) is at least SIMILARITY_THRESHOLD; two texts that are
 * equal after normalising are always similar.
 */
import { createHash } from 'node:crypto';

export const DUPLICATE_WINDOW_DAYS = 7;
export const SIMILARITY_THRESHOLD = 0.8;

/** Text reduced to what matters for comparing: letters, digits and CJK, lower-cased. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function bigrams(text: string): Set<string> {
  const chars = [...text];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0] ?? '');
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return out;
}

/** Jaccard similarity (0..1) of the normalised texts' character bigrams. */
export function computeTextSimilarity(a: string, b: string): number {
  const na = normalizeText(a);
  const nb = normalizeText(b);
  if (na === nb) return 1;
  const x = bigrams(na);
  const y = bigrams(nb);
  let common = 0;
  for (const g of x) if (y.has(g)) common += 1;
  const union = x.size + y.size - common;
  return union === 0 ? 0 : common / union;
}

/** A hash of the normalised phone (digits, without +86) or else e-mail (lower case): equal for the same person. */
export function computeContactKey(contact: { phone: string | null; email: string | null }): string {
  const digits = contact.phone?.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '') ?? '';
  const basis = digits !== '' ? `p:${digits}` : `e:${(contact.email ?? '').trim().toLowerCase()}`;
  return createHash('sha256').update(basis).digest('hex');
}

export interface FilingFacts {
  kind: string;
  contactKey: string;
  subjectType: string | null;
  subjectId: string | null;
  content: string;
  receivedOn: string;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Whether `later` duplicates `earlier` (same kind, contact and subject, similar text, within the window). */
export function isDuplicateOf(later: FilingFacts, earlier: FilingFacts): boolean {
  if (later.kind !== earlier.kind || later.contactKey !== earlier.contactKey) return false;
  if (later.subjectType !== earlier.subjectType || later.subjectId !== earlier.subjectId) return false;
  const days = daysBetween(earlier.receivedOn, later.receivedOn);
  if (days < 0 || days > DUPLICATE_WINDOW_DAYS) return false;
  return computeTextSimilarity(later.content, earlier.content) >= SIMILARITY_THRESHOLD;
}

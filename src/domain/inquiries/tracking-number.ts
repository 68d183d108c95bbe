/**
 * Tracking numbers (查询码) of inquiries and complaints: 16 random characters of Crockford's base32
 * (0-9 and A-Z without I, L, O, U: 80 bits, unguessable) and one check character by Luhn mod 32,
 * which catches every single mistyped character and every swap of two neighbours but one pair
 * class. Written in groups of four for people: `7K3M-Q9XA-2BPR-H4TD-W`. Reading forgives case,
 * spaces and dashes, and the letters Crockford maps (O → 0, I and L → 1).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BODY_LENGTH = 16;
export const TRACKING_NUMBER_LENGTH = BODY_LENGTH + 1;

function valueOf(ch: string): number {
  return ALPHABET.indexOf(ch);
}

/** The Luhn mod 32 check character of a body of base32 characters. */
export function computeCheckCharacter(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    const v = valueOf(body[i] ?? '');
    if (v < 0) throw new RangeError(`查询码含有无效字符：${body[i] ?? ''}`);
    const addend = factor * v;
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(32 - (sum % 32)) % 32] ?? '0';
}

/** A new tracking number (canonical form: 17 characters, no dashes) from `bytes` (10 random bytes by default). */
export function generateTrackingNumber(bytes: Uint8Array = randomBytes(10)): string {
  if (bytes.length !== 10) throw new RangeError('查询码需要 10 个随机字节');
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let body = '';
  for (let i = BODY_LENGTH - 1; i >= 0; i -= 1) body += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return body + computeCheckCharacter(body);
}

/** The canonical form of what someone typed, or null when it is not a well-formed tracking number. */
export function normalizeTrackingNumber(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== TRACKING_NUMBER_LENGTH || ![...cleaned].every((c) => valueOf(c) >= 0)) return null;
  const body = cleaned.slice(0, BODY_LENGTH);
  return computeCheckCharacter(body) === cleaned.slice(BODY_LENGTH) ? cleaned : null;
}

/** The tracking number in groups of four for reading and printing: XXXX-XXXX-XXXX-XXXX-C. */
export function formatTrackingNumber(canonical: string): string {
  return (canonical.match(/.{1,4}/g) ?? []).join('-');
}

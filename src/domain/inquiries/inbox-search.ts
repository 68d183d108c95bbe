/**
 * What someone typed in the inbox's search box: a tracking number (查询码, matched exactly; case, spaces and
 * dashes forgiven as on the portal) or a keyword (matched in the subject's title and the text). Something shaped
 * like a tracking number whose check character is wrong is refused rather than searched as text; so is a phone
 * number or an e-mail address: contacts are found through the detail page's audited reveal, not by searching.
 */
import { normalizeTrackingNumber, TRACKING_NUMBER_LENGTH } from './tracking-number';

export type InboxSearch = { kind: 'trackingNumber'; trackingNumber: string } | { kind: 'keyword'; keyword: string } | { kind: 'refused'; why: 'trackingNumberInvalid' | 'contactData' };

const CONTACT_LIKE = /@|\d{5,}/;

export function parseInboxSearch(raw: string): InboxSearch {
  const text = raw.trim();
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length === TRACKING_NUMBER_LENGTH && /^[0-9A-Z]+$/.test(compact)) {
    const trackingNumber = normalizeTrackingNumber(compact);
    return trackingNumber ? { kind: 'trackingNumber', trackingNumber } : { kind: 'refused', why: 'trackingNumberInvalid' };
  }
  if (CONTACT_LIKE.test(text.replace(/[\s-]/g, ''))) return { kind: 'refused', why: 'contactData' };
  return { kind: 'keyword', keyword: text };
}

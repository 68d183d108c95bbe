/**
 * A refused rating or reopen form post on the tracking page (no JavaScript): the tracking page again with the
 * investor's input kept in the form that was refused, and the refusal in Chinese naming the field by its label,
 * as the filing forms do (filing-refusal.ts).
 */
import type { Deps } from '../../services/context';
import { getTracking } from '../../services/inquiries/public-inquiries';
import { renderPortalPage } from './layout';
import { renderTracking, type TrackingFormInput } from './pages/tracking';

const FIELD_LABELS: Record<string, string> = { rating: '评分', comment: '意见', reason: '理由' };

function readText(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

export async function renderTrackingRefusal(deps: Deps, number: string, form: 'rating' | 'reopen', body: Record<string, unknown>, refusal: readonly { field?: string; message: string }[]): Promise<string> {
  const tracking = await getTracking(deps, number);
  const error = refusal.map((d) => (d.field ? `${FIELD_LABELS[d.field] ?? d.field}：${d.message}` : d.message)).join('；');
  const input: TrackingFormInput = { form, error, rating: readText(body, 'rating'), comment: readText(body, 'comment'), reason: readText(body, 'reason') };
  return renderPortalPage({ title: '办理进度', active: 'tracking', body: renderTracking(tracking, input) });
}

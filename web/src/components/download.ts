import { ApiError, showError } from '../api/client';
import { translate } from '../i18n/translate';
import { acceptLanguage } from '../i18n/current';

/** The file name from a Content-Disposition header, preferring the UTF-8 `filename*`. */
function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1] ?? fallback);
    } catch {
      // malformed: fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** Fetches a file from the API and saves it; errors show the server's message. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'include', headers: { 'Accept-Language': acceptLanguage() } });
  } catch {
    showError(new ApiError(0, 'NETWORK', translate('error.network')));
    return;
  }
  if (!res.ok) {
    let message = translate('error.downloadFailed', { status: res.status });
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON
    }
    showError(new Error(message));
    return;
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Writes that survive a lost answer: each write gets an `Idempotency-Key` (the server applies a key once,
 * docs/operations.md「故障与幂等」), and when the answer is lost — the network failed, or the server answered
 * 503 (database connection lost, or too busy) — the same request is sent again with the same key, after the
 * server's Retry-After (at most a few seconds). A retry of a change that did commit is answered with the first
 * answer, or 409 IDEMPOTENT_APPLIED when that answer was lost too: never applied twice.
 */

/** How often a write is sent again after a lost answer. */
export const WRITE_RETRIES = 2;
const MAX_WAIT_MS = 5000;

/** A fresh key per write: 32 hex digits from the browser's random source (also on plain http, unlike randomUUID). */
export function createIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The wait before the next try: Retry-After (seconds) when the server gave one, else a second; at most 5 s. */
function waitBeforeRetry(res: Response | null): number {
  const header = res?.headers.get('retry-after');
  const seconds = header !== null && header !== undefined && /^\d+$/.test(header) ? Number(header) : 1;
  return Math.min(MAX_WAIT_MS, seconds * 1000);
}

/**
 * Sends a write (the same request each time: `send` is called with nothing new) until it is answered with
 * anything but 503, or the tries are used up; the last answer is returned, or the last network error thrown.
 */
export async function sendWrite(send: () => Promise<Response>, sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let res: Response | null = null;
    let failure: unknown = null;
    try {
      res = await send();
    } catch (err) {
      failure = err;
    }
    const lost = res === null || res.status === 503;
    if (!lost || attempt >= WRITE_RETRIES) {
      if (res) return res;
      throw failure;
    }
    await sleep(waitBeforeRetry(res));
  }
}

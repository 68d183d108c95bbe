/**
 * The web client's writes (web/src/api/write-retries.ts): a key the server accepts, and the same request sent
 * again only when its answer was lost (network failure, 503), after Retry-After, at most twice.
 */
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN } from '../../src/services/idempotency/idempotency';
import { createIdempotencyKey, sendWrite, WRITE_RETRIES } from '../../web/src/api/write-retries';

function answers(...steps: (number | 'network' | [number, string])[]) {
  let calls = 0;
  const waits: number[] = [];
  const send = async () => {
    const step = steps[Math.min(calls++, steps.length - 1)];
    if (step === 'network') throw new TypeError('Failed to fetch');
    const [status, retryAfter] = Array.isArray(step) ? step : [step as number, null];
    return new Response(status === 204 ? null : '{}', { status, headers: retryAfter ? { 'retry-after': retryAfter } : {} });
  };
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { send, sleep, waits, calls: () => calls };
}

describe('web writes: idempotency key and retries', () => {
  it('makes keys the server accepts, a new one each time', () => {
    const a = createIdempotencyKey();
    const b = createIdempotencyKey();
    expect(a).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(a).toMatch(/^web-[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it('sends again after a 503, waiting as Retry-After says (at most 5 s)', async () => {
    const a = answers([503, '2'], 201);
    expect((await sendWrite(a.send, a.sleep)).status).toBe(201);
    expect(a.calls()).toBe(2);
    expect(a.waits).toEqual([2000]);

    const b = answers([503, '60'], 200);
    expect((await sendWrite(b.send, b.sleep)).status).toBe(200);
    expect(b.waits).toEqual([5000]);
  });

  it('sends again after a network failure, a second apart', async () => {
    const a = answers('network', 201);
    expect((await sendWrite(a.send, a.sleep)).status).toBe(201);
    expect(a.waits).toEqual([1000]);
  });

  it('gives up after the retries: the last 503 is answered, the last network failure thrown', async () => {
    const a = answers(503);
    expect((await sendWrite(a.send, a.sleep)).status).toBe(503);
    expect(a.calls()).toBe(1 + WRITE_RETRIES);
    const b = answers('network');
    await expect(sendWrite(b.send, b.sleep)).rejects.toThrow('Failed to fetch');
    expect(b.calls()).toBe(1 + WRITE_RETRIES);
  });

  it('does not send again after any other answer (a refusal, a conflict, success)', async () => {
    for (const status of [200, 201, 204, 400, 409, 422, 500]) {
      const a = answers(status, 201);
      expect((await sendWrite(a.send, a.sleep)).status).toBe(status);
      expect(a.calls()).toBe(1);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../src/domain/app-error';

describe('AppError', () => {
  it('carries a code, a message, details and a retry delay, and is told apart from other errors', () => {
    const e = new AppError('RATE_LIMITED', '尝试过于频繁', [{ field: 'username', message: '稍后再试' }], { retryAfterSeconds: 60 });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'AppError', code: 'RATE_LIMITED', message: '尝试过于频繁', details: [{ field: 'username', message: '稍后再试' }], retryAfterSeconds: 60 });
    const plain = new AppError('NOT_FOUND', '不存在');
    expect(plain.details).toBeUndefined();
    expect(plain.retryAfterSeconds).toBeUndefined();
    expect(isAppError(e)).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ code: 'VALIDATION', message: 'x' })).toBe(false);
  });
});

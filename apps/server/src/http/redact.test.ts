import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides self-service tokens in API and page URLs, keeps the rest', () => {
    expect(redactUrl('/api/public/tokens/abcDEF_123-x?purpose=cancel')).toBe(
      '/api/public/tokens/[redacted]?purpose=cancel',
    );
    expect(redactUrl('/api/public/tokens/abc/reschedule')).toBe(
      '/api/public/tokens/[redacted]/reschedule',
    );
    expect(redactUrl('/book/cancel/abc')).toBe('/book/cancel/[redacted]');
    expect(redactUrl('/book/reschedule/abc#x')).toBe('/book/reschedule/[redacted]#x');
    expect(redactUrl('/book/demo')).toBe('/book/demo');
  });
});

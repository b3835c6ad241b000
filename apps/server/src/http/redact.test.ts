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

  it('hides the deal token and the pre-filled contact of a "Schedule a call" link', () => {
    expect(redactUrl('/book/demo?name=Ada%20L&email=ada%40x.test&dealToken=v1.abc&tz=UTC')).toBe(
      '/book/demo?name=[redacted]&email=[redacted]&dealToken=[redacted]&tz=UTC',
    );
    expect(redactUrl('/book/demo?DEALTOKEN=v1.abc#top')).toBe(
      '/book/demo?DEALTOKEN=[redacted]#top',
    );
    expect(redactUrl('/book/demo?%64ealToken=v1.abc&flag')).toBe(
      '/book/demo?%64ealToken=[redacted]&flag',
    );
  });

  it('matches like the router does: any case, percent-encoded segment names', () => {
    expect(redactUrl('/API/PUBLIC/TOKENS/abcDEF_123')).toBe('/API/PUBLIC/TOKENS/[redacted]');
    expect(redactUrl('/BOOK/CANCEL/abc?x=1')).toBe('/BOOK/CANCEL/[redacted]?x=1');
    expect(redactUrl('/Book/ReSchedule/abc')).toBe('/Book/ReSchedule/[redacted]');
    expect(redactUrl('/api/public/%74okens/abc/reschedule')).toBe(
      '/api/public/%74okens/[redacted]/reschedule',
    );
    expect(redactUrl('/api/public/%2574okens/abc')).toBe('/api/public/%2574okens/[redacted]');
    expect(redactUrl('/book/%63%61%6E%63%65%6C/abc')).toBe('/book/%63%61%6E%63%65%6C/[redacted]');
    expect(redactUrl('/api/public/tokens//abc')).toBe('/api/public/tokens//[redacted]');
    expect(redactUrl('/api/public/tokens/%E0%A4')).toBe('/api/public/tokens/[redacted]');
    expect(redactUrl('/api/public/tok%E0ens/abc')).toBe('/api/public/tok%E0ens/abc');
    expect(redactUrl('/api/host/bookings/b1/cancel')).toBe('/api/host/bookings/b1/cancel');
    expect(redactUrl('/book/demo?cancel=1')).toBe('/book/demo?cancel=1');
  });
});

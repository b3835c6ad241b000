import { describe, expect, it } from 'vitest';
import { createLoginThrottle, FAILURE_WINDOW_MS, KNOWN_CLIENT_MS } from './login-throttle.js';

function setup(failuresPerAccount = 3, maxAccounts?: number) {
  let t = 1_000_000;
  const throttle = createLoginThrottle({
    failuresPerAccount,
    now: () => t,
    ...(maxAccounts === undefined ? {} : { maxAccounts }),
  });
  return { throttle, advance: (ms: number) => void (t += ms) };
}

describe('createLoginThrottle', () => {
  it('blocks an email after its failures, from every address, until its window ends', () => {
    const { throttle, advance } = setup(3);
    for (let i = 0; i < 3; i++) {
      expect(throttle.blockedFor('ana@example.com', `10.0.0.${i}`)).toBe(0);
      throttle.failed('ana@example.com');
    }
    expect(throttle.blockedFor('ana@example.com', '10.0.0.1')).toBe(FAILURE_WINDOW_MS / 1000);
    expect(throttle.blockedFor('ana@example.com', '192.0.2.99')).toBe(FAILURE_WINDOW_MS / 1000);
    expect(throttle.blockedFor('bo@example.com', '10.0.0.1')).toBe(0);
    advance(FAILURE_WINDOW_MS - 61_000);
    expect(throttle.blockedFor('ana@example.com', '10.0.0.1')).toBe(61);
    advance(61_000);
    expect(throttle.blockedFor('ana@example.com', '10.0.0.1')).toBe(0);
    // A fresh window: one failure does not block again.
    throttle.failed('ana@example.com');
    expect(throttle.blockedFor('ana@example.com', '10.0.0.1')).toBe(0);
  });

  it('keeps addresses the account signed in from exempt, for 30 days', () => {
    const { throttle, advance } = setup(2);
    throttle.succeeded('ana@example.com', '198.51.100.7');
    throttle.failed('ana@example.com');
    throttle.failed('ana@example.com');
    expect(throttle.blockedFor('ana@example.com', '203.0.113.5')).toBeGreaterThan(0);
    expect(throttle.blockedFor('ana@example.com', '198.51.100.7')).toBe(0);
    // Exempt from this account's block only.
    throttle.failed('bo@example.com');
    throttle.failed('bo@example.com');
    expect(throttle.blockedFor('bo@example.com', '198.51.100.7')).toBeGreaterThan(0);

    advance(KNOWN_CLIENT_MS);
    throttle.failed('ana@example.com');
    throttle.failed('ana@example.com');
    expect(throttle.blockedFor('ana@example.com', '198.51.100.7')).toBeGreaterThan(0);
  });

  it('bounds its memory: making room drops the oldest accounts first', () => {
    const { throttle } = setup(1, 2);
    throttle.failed('a@example.com');
    throttle.failed('b@example.com');
    throttle.failed('c@example.com');
    expect(throttle.blockedFor('a@example.com', 'x')).toBe(0);
    expect(throttle.blockedFor('b@example.com', 'x')).toBeGreaterThan(0);
    expect(throttle.blockedFor('c@example.com', 'x')).toBeGreaterThan(0);
  });
});

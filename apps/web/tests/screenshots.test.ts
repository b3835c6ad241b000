// A test run leaves the tracked README screenshots alone unless UPDATE_SCREENSHOTS=1 asks for them.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docScreenshotPath } from './support/browser';
import { webRoot } from './support/server';

const docs = resolve(webRoot, '../../docs/screenshots');
const results = resolve(webRoot, 'test-results');

describe('README screenshots', () => {
  it('go to the git-ignored test-results/ by default', () => {
    expect(docScreenshotPath('booking-page', {})).toBe(resolve(results, 'booking-page.png'));
    expect(docScreenshotPath('dashboard', { UPDATE_SCREENSHOTS: '0' })).toBe(
      resolve(results, 'dashboard.png'),
    );
  });

  it('refresh docs/screenshots/ only with UPDATE_SCREENSHOTS=1', () => {
    expect(docScreenshotPath('booking-page', { UPDATE_SCREENSHOTS: '1' })).toBe(
      resolve(docs, 'booking-page.png'),
    );
    // The Calendars page (taken by calendar-connection.test.ts once Google is connected).
    expect(docScreenshotPath('calendars', { UPDATE_SCREENSHOTS: '1' })).toBe(
      resolve(docs, 'calendars.png'),
    );
  });
});

// Reading the "Add to calendar" download in browser tests.
import type { Page } from 'playwright-core';
import { readDownload } from './browser';

/** Clicks the page's "Add to calendar" link and returns the downloaded file and its name. */
export async function downloadCalendarFile(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Add to calendar/ }).click(),
  ]);
  return { name: download.suggestedFilename(), text: await readDownload(download) };
}

/** The value of a property of an .ics as written, lines unfolded (RFC 5545 3.1). */
export function icsValue(ics: string, name: string): string | undefined {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    ?.replace(/^[^:]*:/, '');
}

// Guard: this package's tests wait for events (deferred promises, vi.waitFor), never for a fixed
// time. A sleep that is long enough on an idle machine fails on a busy 2-core CI runner.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));

/** A promise that only wraps a `setTimeout` callback: a sleep used as a sync point. */
const SLEEP = /new Promise\s*(?:<[^>]*>)?\s*\(\s*\(?\s*\w*\s*\)?\s*=>\s*setTimeout\s*\(/;

describe('test synchronisation', () => {
  it('no test file of this package sleeps to wait for something', () => {
    const offenders = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .filter((f) => SLEEP.test(readFileSync(join(srcDir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

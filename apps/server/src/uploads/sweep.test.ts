import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UploadRecord, UploadRecords } from './records.js';
import type { FileStorage } from './storage.js';
import { startUploadSweep, sweepUploads } from './sweep.js';

const row = (id: string, createdAt: number): UploadRecord => ({
  id,
  workspaceId: 'ws1',
  linkId: 'l1',
  fieldId: 'f1',
  filename: `${id}.pdf`,
  kind: 'pdf',
  size: 10,
  storageKey: `key-${id}-0123456789abcdef`,
  bookingId: null,
  createdAt,
});

/** Records whose `listUnattached` answers from a list, recording the order of deletions. */
function fakes(rows: UploadRecord[]) {
  const log: string[] = [];
  let pending = [...rows];
  const records: UploadRecords = {
    fileField: async () => 'LINK_NOT_FOUND',
    insert: async () => undefined,
    findForHost: async () => null,
    listUnattached: async (before, limit) =>
      pending.filter((r) => r.createdAt < before).slice(0, limit),
    delete: async (_ws, id) => {
      log.push(`row ${id}`);
      pending = pending.filter((r) => r.id !== id);
    },
  };
  const storage: FileStorage = {
    put: async () => 0,
    open: async () => null,
    delete: async (key) => {
      log.push(`file ${key}`);
    },
  };
  return { records, storage, log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('sweepUploads', () => {
  it('deletes the file before the row, in batches, and bounds a pass', async () => {
    const now = 10 * 3_600_000;
    const rows = Array.from({ length: 7 }, (_, i) => row(`u${i}`, i));
    const { records, storage, log } = fakes([...rows, row('fresh', now - 60_000)]);
    expect(await sweepUploads({ records, storage, now: () => now, batch: 2, maxBatches: 2 })).toBe(
      4,
    );
    expect(log.slice(0, 2)).toEqual([`file ${rows[0]?.storageKey}`, 'row u0']);
    expect(await sweepUploads({ records, storage, now: () => now, batch: 2 })).toBe(3);
    expect(log.filter((l) => l.startsWith('row'))).toHaveLength(7);
    expect(log).not.toContain('row fresh');
  });

  it('a failed file deletion keeps the row for the next pass', async () => {
    const { records, log } = fakes([row('u1', 0)]);
    const failing: FileStorage = {
      put: async () => 0,
      open: async () => null,
      delete: async () => {
        throw new Error('disk unavailable');
      },
    };
    await expect(sweepUploads({ records, storage: failing, now: () => 7_200_000 })).rejects.toThrow(
      'disk unavailable',
    );
    expect(log).toEqual([]);
  });
});

describe('startUploadSweep', () => {
  it('runs a pass every interval, never two at once, and stop waits for the one running', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let release!: () => void;
    let calls = 0;
    const { records, storage } = fakes([]);
    const gated: UploadRecords = {
      ...records,
      listUnattached: async () => {
        calls++;
        await new Promise<void>((resolve) => (release = resolve));
        return [];
      },
    };
    const sweeper = startUploadSweep({
      records: gated,
      storage,
      now: () => 7_200_000,
      logger: pino({ level: 'silent' }),
      intervalMs: 1000,
    });
    expect(calls).toBe(0);
    vi.advanceTimersByTime(1000);
    await vi.waitFor(() => expect(calls).toBe(1));
    vi.advanceTimersByTime(3000); // the pass is still running: no second one
    expect(calls).toBe(1);
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(1);
  });
});

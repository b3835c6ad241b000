import type { JobStore } from '@workestra/booking-core';
import { expect } from 'vitest';
import { Client } from './client.js';

/**
 * Books `slots` (taken from the front, in order) on the link `load` over `concurrency` clients,
 * until `stop()` says so or the server dies; the ids answered 201, and how many requests got no
 * answer (the process died with them in flight: they may or may not have been booked). Each
 * request is a new attendee, numbered by `nextGuest`.
 */
export async function bookingLoad(
  url: string,
  slots: string[],
  stop: (answered: number) => Promise<boolean>,
  options: { concurrency: number; nextGuest: () => number },
): Promise<{ booked: string[]; unanswered: number }> {
  const booked: string[] = [];
  let unanswered = 0;
  let halted = false;
  const worker = async (): Promise<void> => {
    while (!halted) {
      const start = slots.shift();
      if (start === undefined) return;
      const i = options.nextGuest();
      try {
        const res = await new Client(url).post('/api/public/links/load/bookings', {
          body: { start, name: `Guest ${i}`, email: `guest${i}@example.com`, timeZone: 'UTC' },
        });
        expect(res.status, res.text).toBe(201);
        booked.push(res.body.booking.id as string);
        if (await stop(booked.length)) halted = true;
      } catch (error) {
        if (error instanceof TypeError) {
          unanswered++;
          halted = true;
          return;
        }
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { booked, unanswered };
}

/** Jobs still to run: `running` (claimed), and `pending` and due. */
export async function undoneJobs(jobs: JobStore): Promise<{ running: number; due: number }> {
  const now = Date.now();
  const all = await jobs.listJobs();
  return {
    running: all.filter((j) => j.status === 'running').length,
    due: all.filter((j) => j.status === 'pending' && j.runAt <= now).length,
  };
}

// A demo booking link: a host in New York, Mon-Fri 09:00-12:00 and 13:00-17:00, 30-minute
// meetings with a 10-minute buffer after, four hours' notice. Shows the next bookable days as an
// attendee in another zone would see them, including across the US fall-back change.
import { checkSlot, computeSlots, groupSlotsByDay } from '@workestra/slots';

const attendeeZone =
  process.env.DEMO_ATTENDEE_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
const now = process.env.DEMO_NOW ? Date.parse(process.env.DEMO_NOW) : Date.now();
const day = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const rules = {
  timeZone: 'America/New_York',
  weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
};
const policy = {
  durationMinutes: 30,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 240,
  maxDaysAhead: 30,
};
const busy = [{ start: now + 26 * 3_600_000, end: now + 28 * 3_600_000 }];

const t0 = performance.now();
const slots = computeSlots({ rules, policy, busy, from: now, to: now + 8 * 86_400_000, now });
const ms = performance.now() - t0;

const time = new Intl.DateTimeFormat('en-GB', {
  timeZone: attendeeZone,
  hour: '2-digit',
  minute: '2-digit',
});
console.log(`\nWorkestra Scheduling: slot engine demo`);
console.log(
  `Host: America/New_York, Mon-Fri 09:00-12:00 + 13:00-17:00, 30 min + 10 min buffer, 4 h notice`,
);
console.log(`Attendee time zone: ${attendeeZone} (set DEMO_ATTENDEE_TZ to change)\n`);
for (const { date, slots: daySlots } of groupSlotsByDay(slots, attendeeZone)) {
  console.log(`${date}  ${daySlots.map((s) => time.format(s.start)).join(' ')}`);
}
const first = slots[0];
if (first) {
  const check = checkSlot({ rules, policy, busy, bookings: [first], start: first.start, now });
  console.log(
    `\nRace guard: after booking ${new Date(first.start).toISOString()}, checkSlot says ${JSON.stringify(check)}`,
  );
}
console.log(`\n${slots.length} slots over 8 days computed in ${ms.toFixed(2)} ms.`);
console.log('The reference server and booking page are on the roadmap (see README.md).');

import { createFollowUpHandlers } from './follow-up-seam.js';
import { calendarFollowUpHandlers } from './calendar-follow-ups.js';
import { crmFollowUpHandlers } from './crm-follow-ups.js';
import { describeCalendarContract } from './calendar-contract.js';
import { describeCrmContract } from './crm-contract.js';
import { describeFollowUpContract } from './follow-up-contract.js';
import { createMemoryCalendar } from './memory-calendar.js';
import { createMemoryCrm } from './memory-crm.js';
import { createMemoryStore } from './memory-store.js';

// The in-memory reference adapters are the executable definition of the contracts.

describeCalendarContract('memory', async () => {
  const calendar = createMemoryCalendar();
  return {
    events: calendar,
    busy: calendar,
    outOfOffice: (input) => calendar.addOutOfOffice(input),
    fail: () => calendar.setUnavailable(true),
    close: async () => {},
  };
});

describeCrmContract('memory', async () => {
  const crm = createMemoryCrm();
  return {
    crm,
    deal: async (id) => crm.listDeals().find((d) => d.dealId === id) ?? null,
    notes: async (contactId) =>
      crm
        .listNotes()
        .filter((n) => n.contactId === contactId)
        .map((n) => n.note),
    fail: () => crm.setUnavailable(true),
    close: async () => {},
  };
});

describeFollowUpContract('calendar + CRM over the memory adapters', async () => {
  const store = createMemoryStore();
  const calendar = createMemoryCalendar();
  const crm = createMemoryCrm();
  const handlers = createFollowUpHandlers({
    store,
    handlers: { ...calendarFollowUpHandlers(calendar), ...crmFollowUpHandlers(crm) },
  });
  return {
    store,
    jobs: store,
    handlers,
    effects: async () => ({
      events: calendar.listEvents(),
      contacts: crm.listContacts(),
      deals: crm.listDeals(),
      notes: crm.listNotes(),
      bookings: await Promise.all(
        (await store.listJobs()).map((j) =>
          store.transaction((tx) =>
            tx.findBooking(String(j.payload['workspaceId']), String(j.payload['bookingId'])),
          ),
        ),
      ),
    }),
    close: async () => {},
  };
});

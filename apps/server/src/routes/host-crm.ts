import type {
  CrmContactRecord,
  CrmDealRecord,
  CrmDealWithContact,
  CrmMeetingRecord,
  CrmNoteRecord,
  SqlCrm,
} from '@workestra/store';
import { Router } from 'express';
import { crmContactsQuerySchema, crmDealsQuerySchema } from '../crm-schemas.js';
import { HttpError } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { ID_SHAPE, param, parse } from '../http/validate.js';
import { iso } from '../serialize.js';

function contactJson(c: CrmContactRecord) {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    timeZone: c.timeZone,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

function dealJson(d: CrmDealRecord) {
  return {
    id: d.id,
    contactId: d.contactId,
    title: d.title,
    stage: d.stage,
    valueMinor: d.valueMinor,
    currency: d.currency,
    meeting: {
      start: iso(d.meeting.start),
      end: iso(d.meeting.end),
      status: d.meeting.status,
      meetingUrl: d.meeting.meetingUrl,
    },
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

const dealWithContactJson = (d: CrmDealWithContact) => ({
  ...dealJson(d),
  contact: contactJson(d.contact),
});

function meetingJson(m: CrmMeetingRecord) {
  return {
    bookingId: m.bookingId,
    dealId: m.dealId,
    title: m.title,
    start: iso(m.start),
    end: iso(m.end),
    status: m.status,
    meetingUrl: m.meetingUrl,
    calendarEvent: m.calendarEvent && {
      provider: m.calendarEvent.provider,
      id: m.calendarEvent.id,
    },
  };
}

function noteJson(n: CrmNoteRecord) {
  return { id: n.id, dealId: n.dealId, note: n.note, createdAt: iso(n.createdAt) };
}

/**
 * `/api/host/crm/*`: the signed-in host's workspace's contacts and deals, read from the store's SQL
 * CRM (mounted behind session + CSRF checks). Another workspace's id answers 404, as an unknown one.
 *
 * @example
 * ```ts
 * api.use('/host/crm', hostCrmRoutes(handle.crm));
 * ```
 */
export function hostCrmRoutes(crm: SqlCrm): Router {
  const router = Router();

  router.get('/contacts', async (req, res) => {
    const { search, after, limit } = parse(crmContactsQuerySchema, req.query);
    const { workspaceId } = signedIn(res).host;
    const page = await crm.listContacts({
      workspaceId,
      limit,
      ...(search ? { search } : {}),
      ...(after ? { after } : {}),
    });
    res.json({ contacts: page.items.map(contactJson), next: page.next });
  });

  router.get('/contacts/:id', async (req, res) => {
    const { workspaceId } = signedIn(res).host;
    const contactId = param(req, 'id');
    const found = ID_SHAPE.test(contactId)
      ? await crm.getContact({ workspaceId, contactId })
      : null;
    if (!found) throw new HttpError(404, 'CRM_CONTACT_NOT_FOUND', 'No such contact');
    res.json({
      contact: contactJson(found),
      deals: found.deals.map(dealJson),
      meetings: found.meetings.map(meetingJson),
      notes: found.notes.map(noteJson),
    });
  });

  router.get('/deals', async (req, res) => {
    const { search, after, limit, contactId } = parse(crmDealsQuerySchema, req.query);
    const { workspaceId } = signedIn(res).host;
    const page = await crm.listDeals({
      workspaceId,
      limit,
      ...(search ? { search } : {}),
      ...(after ? { after } : {}),
      ...(contactId ? { contactId } : {}),
    });
    res.json({ deals: page.items.map(dealWithContactJson), next: page.next });
  });

  router.get('/deals/:id', async (req, res) => {
    const { workspaceId } = signedIn(res).host;
    const dealId = param(req, 'id');
    const found = ID_SHAPE.test(dealId) ? await crm.getDeal({ workspaceId, dealId }) : null;
    if (!found) throw new HttpError(404, 'CRM_DEAL_NOT_FOUND', 'No such deal');
    res.json({
      deal: dealWithContactJson(found),
      meetings: found.meetings.map(meetingJson),
      notes: found.notes.map(noteJson),
    });
  });

  return router;
}

import { bookingIdOfCrmDealKey, type BookingStore } from '@workestra/booking-core';
import type {
  CrmContactRecord,
  CrmDealRecord,
  CrmDealWithContact,
  CrmMeetingRecord,
  CrmNoteRecord,
} from '@workestra/store';
import { Router } from 'express';
import type { RouteContext } from '../context.js';
import {
  crmContactsQuerySchema,
  crmDealsQuerySchema,
  crmScheduleBodySchema,
  crmSettingsSchema,
} from '../crm-schemas.js';
import { HttpError } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { ID_SHAPE, jsonBody, param, parse } from '../http/validate.js';
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

/** The link whose booking created the deal, when the deal was made by one still on record. */
async function sourceLinkId(
  store: BookingStore,
  workspaceId: string,
  deal: CrmDealRecord,
): Promise<string | null> {
  const bookingId = bookingIdOfCrmDealKey(deal.key);
  if (bookingId === null) return null;
  const booking = await store.transaction((tx) => tx.findBooking(workspaceId, bookingId));
  return booking?.linkId ?? null;
}

/**
 * `/api/host/crm/*`: the signed-in host's workspace's contacts and deals, read from the store's SQL
 * CRM (mounted behind session + CSRF checks). Another workspace's id answers 404, as an unknown one.
 * Also the workspace's CRM settings, and "Schedule a call" links that book onto a deal.
 *
 * @example
 * ```ts
 * api.use('/host/crm', hostCrmRoutes(ctx));
 * ```
 */
export function hostCrmRoutes(ctx: RouteContext): Router {
  const { crm, core, store, dealTokens, config } = ctx;
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
      sourceLinkId: await sourceLinkId(store, workspaceId, found),
    });
  });

  router.post('/deals/:id/schedule', async (req, res) => {
    const { linkId } = parse(crmScheduleBodySchema, jsonBody(req));
    const me = signedIn(res).host;
    const dealId = param(req, 'id');
    const deal = ID_SHAPE.test(dealId)
      ? await crm.getDeal({ workspaceId: me.workspaceId, dealId })
      : null;
    if (!deal) throw new HttpError(404, 'CRM_DEAL_NOT_FOUND', 'No such deal');
    const link = await core.getLink(me, linkId); // one of the host's own live links, or NOT_FOUND
    if (!link.active)
      throw new HttpError(409, 'LINK_INACTIVE', 'This link is disabled: enable it first');
    const { token, expiresAt } = dealTokens.mint(
      { workspaceId: me.workspaceId, dealId: deal.id, linkId: link.id },
      ctx.now(),
    );
    const search = new URLSearchParams({
      name: deal.contact.name,
      email: deal.contact.email,
      dealToken: token,
    });
    res.status(201).json({
      url: `${config.publicUrl}/book/${encodeURIComponent(link.slug)}?${search.toString()}`,
      expiresAt: iso(expiresAt),
    });
  });

  router.get('/settings', async (_req, res) => {
    const { workspaceId } = signedIn(res).host;
    res.json({ settings: await crm.getSettings(workspaceId) });
  });

  router.put('/settings', async (req, res) => {
    const settings = parse(crmSettingsSchema, jsonBody(req));
    const { workspaceId } = signedIn(res).host;
    res.json({ settings: await crm.putSettings({ workspaceId, settings }) });
  });

  return router;
}

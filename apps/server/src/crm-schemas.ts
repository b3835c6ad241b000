import { CRM_MEETING_STATUSES, CRM_PAGE_LIMIT_MAX } from '@workestra/store';
import { z } from 'zod';
import { ID_SHAPE } from './http/validate.js';

/*
 * The HTTP shapes of `/api/host/crm/*` (docs/http-api.md, "CRM"): query schemas parse requests,
 * response schemas describe the answers for the OpenAPI document and are parsed in tests.
 */

/** The page size when `limit` is not given. */
export const CRM_PAGE_LIMIT_DEFAULT = 20;

/** Ids and cursors are ours (time-ordered ids): anything else is refused as a bad query. */
const cursor = z
  .string()
  .regex(ID_SHAPE, 'must be the next of the previous page')
  .optional()
  .describe('The `next` of the previous page (opaque)');

export const crmContactsQuerySchema = z.object({
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Matches a name or email anywhere, case-insensitively'),
  after: cursor,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(CRM_PAGE_LIMIT_MAX)
    .default(CRM_PAGE_LIMIT_DEFAULT)
    .describe(`Page size: default ${CRM_PAGE_LIMIT_DEFAULT}, at most ${CRM_PAGE_LIMIT_MAX}`),
});
export const crmDealsQuerySchema = crmContactsQuerySchema.extend({
  search: crmContactsQuerySchema.shape.search.describe(
    "Matches the deal's title or its contact's name or email, case-insensitively",
  ),
  contactId: z
    .string()
    .regex(ID_SHAPE, 'must be a contact id')
    .optional()
    .describe("Only this contact's deals"),
});

const instant = z.iso.datetime();

export const crmContactSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  timeZone: z.string(),
  createdAt: instant,
  updatedAt: instant,
});
export const crmMeetingSchema = z.object({
  start: instant,
  end: instant,
  status: z.enum(CRM_MEETING_STATUSES),
  meetingUrl: z.string().nullable(),
});
export const crmDealSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  title: z.string(),
  stage: z.string().nullable(),
  valueMinor: z.number().int().nullable().describe('Minor units (cents)'),
  currency: z.string().nullable().describe('ISO 4217 code, when known'),
  meeting: crmMeetingSchema,
  createdAt: instant,
  updatedAt: instant,
});
export const crmNoteSchema = z.object({
  id: z.string(),
  dealId: z.string().nullable(),
  note: z.string(),
  createdAt: instant,
});
export const crmDealWithContactSchema = crmDealSchema.extend({ contact: crmContactSchema });
export const crmBookedMeetingSchema = crmMeetingSchema
  .extend({
    bookingId: z.string(),
    dealId: z.string().nullable(),
    title: z.string().describe('The title of the link it was booked on'),
    calendarEvent: z
      .object({ provider: z.string(), id: z.string() })
      .nullable()
      .describe("The booking's event in the host's calendar, once made"),
  })
  .describe('One booking of the contact (or deal), as it is now');

export const crmContactsResponseSchema = z.object({
  contacts: z.array(crmContactSchema),
  next: z.string().nullable(),
});
export const crmContactResponseSchema = z.object({
  contact: crmContactSchema,
  deals: z.array(crmDealSchema),
  meetings: z.array(crmBookedMeetingSchema).describe('By start, earliest first'),
  notes: z.array(crmNoteSchema),
});
export const crmDealsResponseSchema = z.object({
  deals: z.array(crmDealWithContactSchema),
  next: z.string().nullable(),
});
export const crmDealResponseSchema = z.object({
  deal: crmDealWithContactSchema,
  meetings: z.array(crmBookedMeetingSchema).describe('By start, earliest first'),
  notes: z.array(crmNoteSchema),
  sourceLinkId: z
    .string()
    .nullable()
    .describe('The link whose booking created the deal, when known (the default for a new call)'),
});

export const crmScheduleBodySchema = z.object({
  linkId: z.string().regex(ID_SHAPE, 'must be a link id').describe('One of your active links'),
});
export const crmScheduleResponseSchema = z.object({
  url: z
    .string()
    .describe(
      "The link's booking page, pre-filled with the deal's contact; a booking made there attaches to the deal",
    ),
  expiresAt: instant.describe('Until when the page books onto the deal (14 days)'),
});

/** A stage name as a deal carries it: one trimmed line. */
const stageName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'must be a single line without control characters');

export const crmSettingsSchema = z.object({
  cancelledFirstMeetingStage: stageName
    .nullable()
    .describe(
      'The stage a deal moves to when the booking that created it is cancelled; null leaves the stage',
    ),
});
export const crmSettingsResponseSchema = z.object({ settings: crmSettingsSchema });

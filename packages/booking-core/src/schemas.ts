import { isValidTimeZone } from '@workestra/slots';
import { z } from 'zod';
import { FORM_LIMITS, LINK_LIMITS, TIME_OFF_LIMITS } from './limits.js';
import { EMBED_LIMITS, embedDomainProblem, normalizeEmbedDomain } from './embed.js';
import { canonicalLocale, HOUR_CYCLES, MAX_LOCALE_TAG_LENGTH } from './locales.js';
import {
  CALENDAR_PROVIDERS,
  FILE_KINDS,
  FORM_FIELD_TYPES,
  LINK_KINDS,
  type FileKind,
  type FormField,
  type FormFieldType,
} from './domain.js';

/*
 * The input schemas of every use-case. Exported so that the server parses HTTP bodies and builds
 * its OpenAPI document from the very same definitions booking-core enforces.
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "Required" for a missing value, `otherwise` for a value of the wrong type. */
const requiredOr =
  (otherwise: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'Required' : otherwise;

/** "At most N characters": the length message of every text field, worded for the person typing. */
const atMost = (max: number): string => `At most ${max} characters`;

/**
 * A one-line text field (names, titles): trimmed, non-empty, at most `max` characters, and no
 * control characters, so a newline can never reach an email header, a calendar line or a log line.
 * `blank` is what a person who left it empty is told (e.g. "Enter your name"). The messages are
 * shown on forms as they are, so they say what to do rather than quote the rule.
 */
function singleLine(max: number, blank = 'Fill in this field') {
  return z
    .string({ error: requiredOr('Enter text') })
    .trim()
    .min(1, blank)
    .max(max, atMost(max))
    .regex(/^[^\p{Cc}]*$/u, 'Use a single line without control characters');
}

/**
 * Free text (descriptions, reasons): trimmed, at most `max` characters, line breaks and tabs
 * allowed, other control characters refused (PostgreSQL cannot even store a NUL in text).
 */
function multiLine(max: number) {
  return z
    .string({ error: requiredOr('Enter text') })
    .trim()
    .max(max, atMost(max))
    .regex(
      /^(?:[\t\n\r]|[^\p{Cc}])*$/u,
      'Remove control characters (line breaks and tabs are fine)',
    );
}

/** An email address as people type it, at most 320 characters (the SMTP limit). */
const emailSchema = z.email({ error: 'Enter a valid email address' }).max(320, atMost(320));

/**
 * An IANA time zone name the runtime knows, e.g. `Europe/Berlin`.
 *
 * @example
 * ```ts
 * timeZoneSchema.parse('America/New_York');
 * ```
 */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'must be an IANA time zone name such as "Europe/Berlin"' });

/** What a person who sent something other than a language tag is told. */
const LOCALE_TAG_MESSAGE = `Use a language tag such as "de" or "en-GB" (at most ${MAX_LOCALE_TAG_LENGTH} characters)`;

/**
 * The attendee's language: a BCP 47 tag of at most `MAX_LOCALE_TAG_LENGTH` characters, parsed to
 * its canonical form (`de-ch` → `de-CH`).
 *
 * @example
 * ```ts
 * attendeeLocaleSchema.parse('pt-br'); // 'pt-BR'
 * attendeeLocaleSchema.safeParse('not a tag!').success; // false
 * ```
 */
export const attendeeLocaleSchema = z
  .string({ error: requiredOr('Send the language as text, such as "de" or "en-GB"') })
  .max(MAX_LOCALE_TAG_LENGTH, LOCALE_TAG_MESSAGE)
  .transform((tag, ctx) => {
    const canonical = canonicalLocale(tag);
    if (canonical !== null) return canonical;
    ctx.issues.push({ code: 'custom', input: tag, message: LOCALE_TAG_MESSAGE });
    return z.NEVER;
  })
  .describe(
    'The attendee’s language, a BCP 47 tag (e.g. "de", "en-GB"), kept canonicalized: their emails are written in it. Absent: English on a new booking; on a reschedule, the booking keeps its own',
  );

/**
 * The attendee's clock: one of `HOUR_CYCLES` (`h12`: `2:30 PM`, `h23`: `14:30`).
 *
 * @example
 * ```ts
 * hourCycleSchema.parse('h23'); // 'h23'
 * ```
 */
export const hourCycleSchema = z
  .enum(HOUR_CYCLES, {
    error: `Choose the clock: ${HOUR_CYCLES.map((cycle) => `"${cycle}"`).join(' or ')}`,
  })
  .describe(
    'The attendee’s clock in their emails: "h12" (2:30 PM) or "h23" (14:30). Absent: the language’s own on a new booking; on a reschedule, the booking keeps its own',
  );

/** Every ISO 4217 code the runtime knows, read once. */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * An ISO 4217 currency code the runtime knows: three uppercase letters, e.g. `EUR` or `JPY`.
 * Lowercase is refused rather than folded, so what is stored is what was sent.
 *
 * @example
 * ```ts
 * currencySchema.parse('JPY'); // 'JPY'
 * currencySchema.safeParse('eur').success; // false
 * ```
 */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, {
    message: 'must be an ISO 4217 code of three uppercase letters such as "EUR"',
    abort: true,
  })
  .refine((code) => KNOWN_CURRENCIES.has(code), { message: 'must be a known ISO 4217 currency' });

/** Epoch milliseconds written as text, as a query string carries them. */
const EPOCH_MS_TEXT = /^\d{1,16}$/;

/**
 * An instant: epoch milliseconds (a number, or digits as text, as query strings carry them) or
 * ISO-8601 with `Z` or an offset; parsed to epoch ms.
 *
 * @example
 * ```ts
 * instantSchema.parse('2026-11-02T09:00:00Z'); // 1793610000000
 * instantSchema.parse('1793610000000'); // 1793610000000
 * ```
 */
export const instantSchema = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(EPOCH_MS_TEXT),
    z.iso.datetime({ offset: true }),
  ])
  .transform((value) =>
    typeof value === 'number'
      ? value
      : EPOCH_MS_TEXT.test(value)
        ? Number(value)
        : Date.parse(value),
  );

/**
 * A public slug: lowercase letters, digits and single dashes, 1-80 characters.
 *
 * @example
 * ```ts
 * slugSchema.parse('intro-call');
 * ```
 */
export const slugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'use lowercase letters, digits and single dashes (no leading or trailing dash)',
  );

/**
 * One open period of a day, `HH:MM` to `HH:MM` (end may be `24:00`).
 *
 * @example
 * ```ts
 * timeWindowSchema.parse({ start: '09:00', end: '12:00' });
 * ```
 */
export const timeWindowSchema = z.object({
  start: z.string().regex(HHMM, 'must be HH:MM (24-hour)'),
  end: z.string().regex(HHMM, 'must be HH:MM (24-hour) or 24:00'),
});

const windowsSchema = z.array(timeWindowSchema).max(LINK_LIMITS.maxWindowsPerDay);

/**
 * Windows per weekday; a missing day is closed. Unknown keys (typos such as `mon`) are refused.
 *
 * @example
 * ```ts
 * weeklyHoursSchema.parse({ monday: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] });
 * ```
 */
export const weeklyHoursSchema = z.strictObject({
  monday: windowsSchema.optional(),
  tuesday: windowsSchema.optional(),
  wednesday: windowsSchema.optional(),
  thursday: windowsSchema.optional(),
  friday: windowsSchema.optional(),
  saturday: windowsSchema.optional(),
  sunday: windowsSchema.optional(),
});

/**
 * Replaces the weekly hours on one host-local date; `windows: []` closes it.
 *
 * @example
 * ```ts
 * dateOverrideSchema.parse({ date: '2026-12-24', windows: [] });
 * ```
 */
export const dateOverrideSchema = z.object({
  date: z.string().regex(DATE, 'must be YYYY-MM-DD'),
  windows: windowsSchema,
});

/**
 * Replaces the weekly hours on every date an RRULE yields from `start`.
 *
 * @example
 * ```ts
 * recurringOverrideSchema.parse({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', start: '2026-01-02', windows: [] });
 * ```
 */
export const recurringOverrideSchema = z.object({
  rrule: z.string().min(1).max(LINK_LIMITS.maxRruleLength),
  start: z.string().regex(DATE, 'must be YYYY-MM-DD'),
  windows: windowsSchema,
});

/**
 * One member of a team link as a request gives it: `hostId` (a host of the link's workspace) and
 * optionally its weight (1-100, default 1), calendar (default `none`), time zone and weekly hours
 * (default null: the link's).
 *
 * @example
 * ```ts
 * linkMemberSchema.parse({ hostId: 'host_ana', calendarProvider: 'google' });
 * ```
 */
export const linkMemberSchema = z.strictObject({
  hostId: z.string().min(1).max(200),
  weight: z.number().int().min(1).max(100).default(1),
  calendarProvider: z.enum(CALENDAR_PROVIDERS).default('none'),
  timeZone: timeZoneSchema.nullable().default(null),
  weeklyHours: weeklyHoursSchema.nullable().default(null),
});

/** `FILE_KINDS`' keys as a tuple for `z.enum`. */
const FILE_KIND_NAMES = Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]];

/** A form field's stable key. */
const FIELD_ID = /^[a-z0-9_-]+$/;

/** The types whose fields have `options`, a `maxLength` (with its bounds) and `accept`. */
const CHOICE_TYPES: ReadonlySet<FormFieldType> = new Set(['dropdown', 'checkboxes']);
const TEXT_LIMITS: Readonly<Partial<Record<FormFieldType, { max: number; default: number }>>> = {
  short_text: {
    max: FORM_LIMITS.maxShortTextLength,
    default: FORM_LIMITS.defaultShortTextLength,
  },
  long_text: { max: FORM_LIMITS.maxLongTextLength, default: FORM_LIMITS.defaultLongTextLength },
};

/**
 * One field of a link's pre-meeting form as a request gives it (see `FormField`): `id`, `type` and
 * `label` are required; `help` defaults to null, `required` to false, `options` and `accept` to
 * `[]`; `maxLength` defaults to 200 (`short_text`) or 2000 (`long_text`), `maxBytes` to 5 MB
 * (`file`). Only `dropdown` and `checkboxes` take `options` (1-50, distinct), only text fields a
 * `maxLength`, only `file` fields `accept` (at least one of `FILE_KINDS`) and `maxBytes`; bounds
 * are `FORM_LIMITS`. Unknown keys are refused.
 *
 * @example
 * ```ts
 * formFieldSchema.parse({ id: 'team_size', type: 'dropdown', label: 'Team size', options: ['1-10', '11-50', '51+'] });
 * formFieldSchema.parse({ id: 'brief', type: 'file', label: 'Your brief', accept: ['pdf'] }).maxBytes; // 5242880
 * ```
 */
export const formFieldSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .max(FORM_LIMITS.maxFieldIdLength)
      .regex(FIELD_ID, 'use lowercase letters, digits, "_" and "-"'),
    type: z.enum(FORM_FIELD_TYPES),
    label: singleLine(FORM_LIMITS.maxLabelLength),
    help: multiLine(FORM_LIMITS.maxHelpLength)
      .nullable()
      .default(null)
      .transform((v) => (v === '' ? null : v)),
    required: z.boolean().default(false),
    options: z
      .array(singleLine(FORM_LIMITS.maxOptionLength))
      .max(FORM_LIMITS.maxOptions)
      .default([]),
    maxLength: z.number().int().min(1).nullable().default(null),
    accept: z.array(z.enum(FILE_KIND_NAMES)).default([]),
    maxBytes: z.number().int().min(1).max(FORM_LIMITS.maxFileBytes).nullable().default(null),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (CHOICE_TYPES.has(f.type)) {
      if (f.options.length === 0) issue('options', 'must list at least one option');
      if (new Set(f.options).size !== f.options.length) issue('options', 'must be distinct');
    } else if (f.options.length > 0) {
      issue('options', 'only dropdown and checkboxes fields have options');
    }
    const text = TEXT_LIMITS[f.type];
    if (text === undefined) {
      if (f.maxLength !== null) issue('maxLength', 'only text fields have a maximum length');
    } else if (f.maxLength !== null && f.maxLength > text.max) {
      issue('maxLength', `must be at most ${text.max}`);
    }
    if (f.type === 'file') {
      if (f.accept.length === 0) issue('accept', 'must list at least one file kind');
      if (new Set(f.accept).size !== f.accept.length) issue('accept', 'must be distinct');
    } else {
      if (f.accept.length > 0) issue('accept', 'only file fields accept files');
      if (f.maxBytes !== null) issue('maxBytes', 'only file fields have a maximum size');
    }
  })
  .transform((f): FormField => ({
    ...f,
    maxLength: f.maxLength ?? TEXT_LIMITS[f.type]?.default ?? null,
    maxBytes: f.type === 'file' ? (f.maxBytes ?? FORM_LIMITS.defaultFileBytes) : null,
  }));

/** A link's form: at most `FORM_LIMITS.maxFields` fields with distinct ids. */
const formFieldsSchema = z
  .array(formFieldSchema)
  .max(FORM_LIMITS.maxFields)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    for (const [index, field] of fields.entries()) {
      if (seen.has(field.id))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: 'must be unique in the form',
        });
      seen.add(field.id);
    }
  });

/** What a parsed answer holds before it becomes a `FormAnswer` (a file is still its upload id). */
type ParsedAnswer = string | readonly string[] | true | { readonly uploadId: string };

/** A value the attendee left empty: absent, null, blank text or no box ticked. */
const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === false ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Digits, spaces and `+()-.`, at least one digit. */
const PHONE = /^(?=.*\d)[0-9 +().-]+$/;

/** The schema of one field's value (never empty: emptiness is handled by the caller). */
function answerValueSchema(field: FormField): z.ZodType<ParsedAnswer> {
  const text = z.string({ error: requiredOr('Enter text') }).trim();
  const max = field.maxLength ?? FORM_LIMITS.maxLongTextLength;
  switch (field.type) {
    case 'short_text':
      return text
        .max(max, `Use at most ${max} characters`)
        .regex(/^[^\p{Cc}]*$/u, 'Use a single line');
    case 'long_text':
      return text
        .max(max, `Use at most ${max} characters`)
        .regex(/^(?:[\t\n\r]|[^\p{Cc}])*$/u, 'Remove control characters');
    case 'dropdown':
      return z
        .string({ error: requiredOr('Choose one of the options') })
        .refine((v) => field.options.includes(v), 'Choose one of the options');
    case 'checkboxes':
      return z
        .array(z.string(), { error: requiredOr('Choose from the options') })
        .refine((v) => v.every((o) => field.options.includes(o)), 'Choose only from the options')
        .transform((v) => field.options.filter((o) => v.includes(o)));
    case 'checkbox':
      return z
        .boolean({ error: requiredOr('Tick the box or leave it empty') })
        .refine((v) => v, 'Required') as z.ZodType<true>;
    case 'phone':
      // One message per answer: the first check that fails.
      return text
        .min(FORM_LIMITS.minPhoneLength, {
          message: `Enter a phone number of at least ${FORM_LIMITS.minPhoneLength} characters`,
          abort: true,
        })
        .max(FORM_LIMITS.maxPhoneLength, {
          message: `Enter a phone number of at most ${FORM_LIMITS.maxPhoneLength} characters`,
          abort: true,
        })
        .regex(PHONE, 'Use digits, spaces and + ( ) - . only');
    case 'url':
      return text
        .max(FORM_LIMITS.maxUrlLength, `Use at most ${FORM_LIMITS.maxUrlLength} characters`)
        .pipe(
          z.url({
            protocol: /^https?$/,
            error: 'Enter a web address starting with http:// or https://',
          }),
        );
    case 'file':
      return z.strictObject(
        { uploadId: z.string({ error: 'Upload the file again' }).min(1).max(200) },
        { error: requiredOr('Upload the file again') },
      );
  }
}

/**
 * The schema of one answers object of a pre-meeting form, built from the form's definition: one
 * key per field id. Strings are trimmed; text fields keep to their `maxLength`; a `dropdown`
 * value is one of its options, a `checkboxes` value a subset of them (kept in option order); a
 * required `checkbox` must be `true`; a `phone` is 7-20 characters of digits, spaces and
 * `+()-.`; a `url` is http(s); a `file` value is `{ uploadId }` of an upload made for the field.
 * An empty value (absent, null, blank, `[]`, `false`) of an optional field is left out of the
 * result; of a required one it is refused with "Required". Unknown keys are refused. Issue paths
 * are the field ids, with messages meant for the page ("Required", "Choose one of the options").
 *
 * @example
 * ```ts
 * import type { FormField } from '@workestra/booking-core';
 * const fields: FormField[] = [formFieldSchema.parse({ id: 'size', type: 'dropdown', label: 'Team size', required: true, options: ['1-10', '11+'] })];
 * formAnswersSchema(fields).parse({ size: '11+' }); // { size: '11+' }
 * formAnswersSchema(fields).safeParse({ size: '5' }).success; // false: "Choose one of the options"
 * ```
 */
export function formAnswersSchema(
  fields: readonly FormField[],
): z.ZodType<Readonly<Record<string, ParsedAnswer>>, Readonly<Record<string, unknown>>> {
  const shape: Record<string, z.ZodType<ParsedAnswer | undefined>> = {};
  for (const field of fields) {
    const value = answerValueSchema(field);
    shape[field.id] = z.preprocess(
      (v) => (isEmpty(v) ? undefined : v),
      field.required ? value : value.optional(),
    );
  }
  return z
    .object(shape)
    .catchall(
      z.unknown().superRefine((_, ctx) => {
        ctx.addIssue({ code: 'custom', message: 'Not a field of this form' });
      }),
    )
    .transform((answers) => {
      const out: Record<string, ParsedAnswer> = {};
      for (const [id, v] of Object.entries(answers))
        if (v !== undefined) out[id] = v as ParsedAnswer;
      return out;
    });
}

/**
 * A link's embed whitelist: at most `EMBED_LIMITS.maxDomains` sites, each valid for
 * `embedDomainProblem` (the problem is the message), stored normalized and without repeats.
 */
const embedDomainsSchema = z
  .array(
    z
      .string()
      .max(EMBED_LIMITS.maxDomainLength)
      .superRefine((entry, ctx) => {
        const problem = embedDomainProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform(normalizeEmbedDomain),
  )
  .max(EMBED_LIMITS.maxDomains)
  .transform((entries) => [...new Set(entries)]);

/** Every link field, no defaults: the base of the create and update schemas. */
const linkFields = {
  kind: z.enum(LINK_KINDS),
  members: z.array(linkMemberSchema).max(LINK_LIMITS.maxTeamMembers),
  title: singleLine(120, 'Enter a title'),
  description: multiLine(2000)
    .nullable()
    .transform((v) => (v === '' ? null : v)),
  slug: slugSchema,
  durationMinutes: z
    .number()
    .int()
    .min(LINK_LIMITS.minDurationMinutes)
    .max(LINK_LIMITS.maxDurationMinutes),
  bufferBeforeMinutes: z.number().int().min(0).max(1440),
  bufferAfterMinutes: z.number().int().min(0).max(1440),
  minNoticeHours: z.number().int().min(0).max(8760),
  maxDaysAhead: z.number().int().min(0).max(3650),
  timeZone: timeZoneSchema,
  weeklyHours: weeklyHoursSchema,
  dateOverrides: z.array(dateOverrideSchema).max(LINK_LIMITS.maxDateOverrides),
  recurringOverrides: z.array(recurringOverrideSchema).max(LINK_LIMITS.maxRecurringOverrides),
  dailyCap: z.number().int().min(1).max(1000).nullable(),
  calendarProvider: z.enum(CALENDAR_PROVIDERS),
  autoMeetingLink: z.boolean(),
  autoCreateDeal: z.boolean(),
  defaultDealStage: singleLine(100).nullable(),
  defaultDealValueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  defaultDealCurrency: currencySchema.nullable(),
  formFields: formFieldsSchema,
  embedDomains: embedDomainsSchema,
};

/** Weekly hours of a new link when none are given: Monday to Friday, 09:00-17:00. */
const DEFAULT_WEEKLY_HOURS = {
  monday: [{ start: '09:00', end: '17:00' }],
  tuesday: [{ start: '09:00', end: '17:00' }],
  wednesday: [{ start: '09:00', end: '17:00' }],
  thursday: [{ start: '09:00', end: '17:00' }],
  friday: [{ start: '09:00', end: '17:00' }],
};

/**
 * Input of `createLink`. Only `title` is required. `slug` defaults to one derived from the title
 * (with `-2`, `-3`... when taken), `timeZone` to the host's; duration 30 min, max 30 days ahead,
 * Monday-Friday 09:00-17:00, no buffers, no calendar, no deal, `kind` `solo` with no members, no
 * pre-meeting form (`formFields`: see {@link formFieldSchema}).
 * A team link (`round_robin`, `collective`) lists its `members`: see {@link linkMemberSchema}.
 *
 * @example
 * ```ts
 * createLinkInputSchema.parse({ title: '30-minute intro call' });
 * ```
 */
export const createLinkInputSchema = z.object({
  kind: linkFields.kind.default('solo'),
  members: linkFields.members.default([]),
  title: linkFields.title,
  description: linkFields.description.default(null),
  slug: linkFields.slug.optional(),
  durationMinutes: linkFields.durationMinutes.default(30),
  bufferBeforeMinutes: linkFields.bufferBeforeMinutes.default(0),
  bufferAfterMinutes: linkFields.bufferAfterMinutes.default(0),
  minNoticeHours: linkFields.minNoticeHours.default(0),
  maxDaysAhead: linkFields.maxDaysAhead.default(30),
  timeZone: linkFields.timeZone.optional(),
  weeklyHours: linkFields.weeklyHours.default(DEFAULT_WEEKLY_HOURS),
  dateOverrides: linkFields.dateOverrides.default([]),
  recurringOverrides: linkFields.recurringOverrides.default([]),
  dailyCap: linkFields.dailyCap.default(null),
  calendarProvider: linkFields.calendarProvider.default('none'),
  autoMeetingLink: linkFields.autoMeetingLink.default(false),
  autoCreateDeal: linkFields.autoCreateDeal.default(false),
  defaultDealStage: linkFields.defaultDealStage.default(null),
  defaultDealValueMinor: linkFields.defaultDealValueMinor.default(null),
  defaultDealCurrency: linkFields.defaultDealCurrency.default(null),
  formFields: linkFields.formFields.default([]),
  embedDomains: linkFields.embedDomains.default([]),
});

/**
 * Input of `updateLink`: any subset of the link's settings; absent fields keep their value.
 *
 * @example
 * ```ts
 * updateLinkInputSchema.parse({ durationMinutes: 45, bufferAfterMinutes: 10 });
 * ```
 */
export const updateLinkInputSchema = z.object(linkFields).partial();

/**
 * Input of `createHost`.
 *
 * @example
 * ```ts
 * createHostInputSchema.parse({ workspaceId: 'ws_1', email: 'ana@example.com', name: 'Ana', timeZone: 'Europe/Berlin' });
 * ```
 */
export const createHostInputSchema = z.object({
  workspaceId: z.string().min(1).max(200),
  email: emailSchema,
  name: singleLine(200, 'Enter a name'),
  timeZone: timeZoneSchema,
});

/**
 * Input of `getPublicSlots`: the range and the attendee's time zone the days are grouped in.
 *
 * @example
 * ```ts
 * publicSlotsInputSchema.parse({ slug: 'intro', from: '2026-11-02T00:00:00Z', to: '2026-11-09T00:00:00Z', timeZone: 'Asia/Tokyo' });
 * ```
 */
export const publicSlotsInputSchema = z.object({
  slug: slugSchema,
  from: instantSchema,
  to: instantSchema,
  timeZone: timeZoneSchema,
});

/**
 * Input of `book`: the attendee, the exact start they picked and the answers of the link's
 * pre-meeting form by field id (checked against the link's form with {@link formAnswersSchema}).
 *
 * @example
 * ```ts
 * bookInputSchema.parse({ slug: 'intro', start: '2026-11-02T09:00:00Z', name: 'Ada', email: 'ada@example.com', timeZone: 'Europe/London' });
 * ```
 */
export const bookInputSchema = z.object({
  slug: slugSchema,
  start: instantSchema,
  name: singleLine(200, 'Enter your name'),
  email: emailSchema,
  timeZone: timeZoneSchema,
  /** The attendee's language (absent: their emails are in English). */
  locale: attendeeLocaleSchema.optional(),
  /** The attendee's clock (absent: their language's own). */
  hourCycle: hourCycleSchema.optional(),
  /** Answers of the link's pre-meeting form by field id, checked against the link's form by `book`. */
  answers: z
    .record(z.string(), z.unknown(), { error: 'Send the answers as an object of field ids' })
    .default({}),
});

/**
 * A self-service token as it appears in a URL. Only its length is checked here: a token of the
 * wrong shape is answered `TOKEN_INVALID`, like any other unknown token.
 *
 * @example
 * ```ts
 * tokenSchema.parse('q3v0Yd3b8kH0n6T2eWmX3pGZ7f5QyqJxv1oXK8n2sLw');
 * ```
 */
export const tokenSchema = z.string().min(1).max(512);

/**
 * Input of `reschedule`. `locale` and `hourCycle`, when given, replace the booking's (the attendee
 * may have switched language on the reschedule page); when absent, the booking keeps its own.
 *
 * @example
 * ```ts
 * rescheduleInputSchema.parse({ token, start: '2026-11-03T09:00:00Z', locale: 'fr' });
 * ```
 */
export const rescheduleInputSchema = z.object({
  token: tokenSchema,
  start: instantSchema,
  locale: attendeeLocaleSchema.optional(),
  hourCycle: hourCycleSchema.optional(),
});

/**
 * Input of `cancel` (attendee, by token).
 *
 * @example
 * ```ts
 * cancelInputSchema.parse({ token, reason: 'Something came up' });
 * ```
 */
export const cancelInputSchema = z.object({
  token: tokenSchema,
  reason: multiLine(1000).optional(),
});

/**
 * Input of `viewToken`: what the reschedule/cancel page shows. For `reschedule`, new slots in
 * `[from, to)` grouped in `timeZone` (default: the next 7 days in the attendee's zone).
 *
 * @example
 * ```ts
 * tokenViewInputSchema.parse({ token, purpose: 'reschedule', timeZone: 'Europe/Paris' });
 * ```
 */
export const tokenViewInputSchema = z.object({
  token: tokenSchema,
  purpose: z.enum(['reschedule', 'cancel']),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

/**
 * Input of `tokenBooking`: the token and which of the booking's two tokens it is.
 *
 * @example
 * ```ts
 * tokenBookingInputSchema.parse({ token, purpose: 'cancel' });
 * ```
 */
export const tokenBookingInputSchema = tokenViewInputSchema.pick({ token: true, purpose: true });

/**
 * Input of `hostCancelBooking`.
 *
 * @example
 * ```ts
 * hostCancelInputSchema.parse({ bookingId: 'b_1', reason: 'Double-booked' });
 * ```
 */
export const hostCancelInputSchema = z.object({
  bookingId: z.string().min(1).max(200),
  reason: multiLine(1000).optional(),
});

const DAY_MS = 86_400_000;

/**
 * Input of `addTimeOff`: a half-open range `[start, end)` (instants as epoch ms or ISO-8601), `end`
 * after `start` and at most 366 days later (`TIME_OFF_LIMITS`), and an optional note of at most
 * 500 characters (an empty note is no note).
 *
 * @example
 * ```ts
 * timeOffInputSchema.parse({ start: '2026-12-24T00:00:00Z', end: '2026-12-27T00:00:00Z', note: 'Holidays' });
 * ```
 */
export const timeOffInputSchema = z
  .object({
    start: instantSchema,
    end: instantSchema,
    note: multiLine(TIME_OFF_LIMITS.maxNoteLength)
      .nullish()
      .transform((note) => (note === undefined || note === null || note === '' ? null : note)),
  })
  .refine((r) => r.end > r.start, { path: ['end'], message: 'must be after start' })
  .refine((r) => r.end - r.start <= TIME_OFF_LIMITS.maxRangeDays * DAY_MS, {
    path: ['end'],
    message: `must be at most ${TIME_OFF_LIMITS.maxRangeDays} days after start`,
  });

/**
 * Input of `listTimeOff`: the ranges overlapping `[from, to)`, `to` after `from` and at most 731
 * days later (`TIME_OFF_LIMITS`).
 *
 * @example
 * ```ts
 * timeOffListQuerySchema.parse({ from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
 * ```
 */
export const timeOffListQuerySchema = z
  .object({ from: instantSchema, to: instantSchema })
  .refine((q) => q.to > q.from, { path: ['to'], message: 'must be after from' })
  .refine((q) => q.to - q.from <= TIME_OFF_LIMITS.maxListDays * DAY_MS, {
    path: ['to'],
    message: `must be at most ${TIME_OFF_LIMITS.maxListDays} days after from`,
  });

/**
 * Which dashboard tab `listBookings` returns.
 *
 * @example
 * ```ts
 * bookingListFilterSchema.parse('upcoming');
 * ```
 */
export const bookingListFilterSchema = z.enum(['upcoming', 'past', 'no_show', 'cancelled']);

/**
 * Page sizes of `listBookings`: `default` rows when no `limit` is given, at most `max`.
 *
 * @example
 * ```ts
 * const page = await core.listBookings(me, { filter: 'past', limit: BOOKING_PAGE_SIZE.max });
 * ```
 */
export const BOOKING_PAGE_SIZE = Object.freeze({ default: 50, max: 100 });

/**
 * Input of `listBookings`: a dashboard tab (`upcoming` by default), a page size, the `cursor` of
 * the previous page's `nextCursor`, and optionally only meetings starting in `[from, to)`.
 *
 * @example
 * ```ts
 * bookingListQuerySchema.parse({ filter: 'past', limit: 20, from: '2026-11-02T00:00:00Z' });
 * ```
 */
export const bookingListQuerySchema = z
  .object({
    filter: bookingListFilterSchema.default('upcoming'),
    // A number, or digits as text (`?limit=20` in a query string).
    limit: z
      .union([
        z.number(),
        z
          .string()
          .regex(/^\d{1,6}$/)
          .transform(Number),
      ])
      .pipe(z.number().int().min(1).max(BOOKING_PAGE_SIZE.max))
      .default(BOOKING_PAGE_SIZE.default),
    cursor: z.string().min(1).max(500).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    path: ['to'],
    message: 'must be after from',
  });

/**
 * Input of `listBookings` (before defaults). `z.input` of {@link bookingListQuerySchema}.
 *
 * @example
 * ```ts
 * const query: BookingListQuery = { filter: 'upcoming', cursor: 'the nextCursor of the previous page' };
 * ```
 */
export type BookingListQuery = z.input<typeof bookingListQuerySchema>;

/**
 * Input of `createLink` (before defaults). `z.input` of {@link createLinkInputSchema}.
 *
 * @example
 * ```ts
 * const input: CreateLinkInput = { title: 'Intro call', durationMinutes: 45 };
 * ```
 */
export type CreateLinkInput = z.input<typeof createLinkInputSchema>;

/**
 * Input of `updateLink`.
 *
 * @example
 * ```ts
 * const patch: UpdateLinkInput = { bufferAfterMinutes: 10 };
 * ```
 */
export type UpdateLinkInput = z.input<typeof updateLinkInputSchema>;

/**
 * Input of `book`.
 *
 * @example
 * ```ts
 * const input: BookInput = { slug: 'intro', start: '2026-11-02T09:00:00Z', name: 'Ada', email: 'ada@example.com', timeZone: 'Europe/London' };
 * ```
 */
export type BookInput = z.input<typeof bookInputSchema>;

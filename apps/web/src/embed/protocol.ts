// The embed widget's protocol, declared once: the snippet's attributes (read by the loader, written
// by the embed settings page), the booking page's embed query (written by the loader and the
// settings page's preview, read by the booking page) and the messages the framed page posts to
// the loader, which turns each event into a DOM CustomEvent `workestra:<type>` on its element.
// No imports besides booking-core's browser-safe `embed` and `locales` entries: the loader stays
// tiny.
import { EMBED_QUERY } from '@workestra/booking-core/embed';
import { LANGUAGE_QUERY_PARAM, isAttendeeLocale } from '@workestra/booking-core/locales';

/** How the snippet shows the booking page: in place, in a dialog opened by a button, or a corner button. */
export const EMBED_MODES = ['inline', 'popup', 'floating'] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];

/** The framed page's colour scheme: the visitor's system setting, or forced. */
export const EMBED_THEMES = ['auto', 'light', 'dark'] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** The popup and floating button's text when the snippet has no `data-label`. */
export const EMBED_DEFAULT_LABEL = 'Book a meeting';

/**
 * The button's colour when the snippet has no `data-color`: the booking page's own light accent
 * (`--accent` in the web app's common styles), so an unbranded button matches the page it opens.
 */
export const EMBED_DEFAULT_COLOR = '#3048c8';

/** Attributes of the snippet's element (`<div data-workestra="https://…/book/intro">`). */
export const EMBED_ATTRIBUTES = {
  /** The link's public URL; marks the element as an embed. */
  link: 'data-workestra',
  /** One of {@link EMBED_MODES}; `inline` when absent. */
  mode: 'data-mode',
  /** Brand colour `#rrggbb` for buttons and the selected day and time. */
  color: 'data-color',
  /** One of {@link EMBED_THEMES}. */
  theme: 'data-theme',
  /** Present: the page leaves out the host's name and the link's description. */
  hideDetails: 'data-hide-details',
  /** The popup or floating button's text. */
  label: 'data-label',
  /** Prefill: the visitor's name, email and the day to open (`YYYY-MM-DD`). */
  name: 'data-name',
  email: 'data-email',
  date: 'data-date',
  /** The page's language (`de`, `ja`, one of booking-core's `ATTENDEE_LOCALES`); else the visitor's browser's. */
  lang: 'data-lang',
} as const;

/** The options of one embedded page, from its element's attributes. */
export interface EmbedOptions {
  /** The embedding page's origin: the only one the framed page posts to. */
  origin: string;
  color?: string;
  theme?: EmbedTheme;
  hideDetails?: boolean;
  name?: string;
  email?: string;
  /** `YYYY-MM-DD`: the day to open. */
  date?: string;
  /** The page's language: one of booking-core's `ATTENDEE_LOCALES`. */
  lang?: string;
}

/** Query parameter names of the booking page in embed mode besides `embed` and `origin`. */
const PARAMS = {
  color: 'color',
  theme: 'theme',
  hideDetails: 'hide_details',
  name: 'name',
  email: 'email',
  date: 'date',
} as const;

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Whether a snippet's colour is one the embed takes: `#rrggbb`. */
export function isEmbedColor(value: string | null | undefined): value is string {
  return !!value && COLOR.test(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The URL of the framed booking page: the link's public URL with the embed query. Invalid colour,
 * theme or date values are left out (the page shows its defaults).
 */
export function embedFrameUrl(linkUrl: string, options: EmbedOptions): string {
  const url = new URL(linkUrl);
  url.searchParams.set(EMBED_QUERY.flag, '1');
  url.searchParams.set(EMBED_QUERY.origin, options.origin);
  if (isEmbedColor(options.color)) url.searchParams.set(PARAMS.color, options.color);
  if (options.theme && options.theme !== 'auto') url.searchParams.set(PARAMS.theme, options.theme);
  if (options.hideDetails) url.searchParams.set(PARAMS.hideDetails, '1');
  if (options.name) url.searchParams.set(PARAMS.name, options.name);
  if (options.email) url.searchParams.set(PARAMS.email, options.email);
  if (options.date && DATE.test(options.date)) url.searchParams.set(PARAMS.date, options.date);
  if (isAttendeeLocale(options.lang)) url.searchParams.set(LANGUAGE_QUERY_PARAM, options.lang);
  return url.href;
}

/** The booking page's embed options from its query; null when the page is not in embed mode. */
export function readEmbedQuery(search: string): EmbedOptions | null {
  const q = new URLSearchParams(search);
  const origin = q.get(EMBED_QUERY.origin);
  if (q.get(EMBED_QUERY.flag) !== '1' || !origin) return null;
  const color = q.get(PARAMS.color) ?? '';
  const theme = q.get(PARAMS.theme) as EmbedTheme | null;
  const date = q.get(PARAMS.date) ?? '';
  return {
    origin,
    color: isEmbedColor(color) ? color : undefined,
    theme: theme && (EMBED_THEMES as readonly string[]).includes(theme) ? theme : 'auto',
    hideDetails: q.get(PARAMS.hideDetails) === '1',
    name: q.get(PARAMS.name) ?? undefined,
    email: q.get(PARAMS.email) ?? undefined,
    date: DATE.test(date) ? date : undefined,
  };
}

/** The DOM event names are this prefix and the event's name: `workestra:booked`. */
export const EMBED_EVENT_PREFIX = 'workestra:';

/** Events dispatched on the snippet's element as `workestra:<name>`, with their `detail`. */
export interface EmbedEvents {
  /** The page has loaded the link and shows its times. */
  ready: { slug: string };
  /** The visitor picked a time (ISO instants). */
  'slot-selected': { start: string; end: string };
  /** The booking is made: its id and time, nothing about the visitor. */
  booked: { bookingId: string; start: string; end: string };
  /** The page could not load the link or its times, or the booking failed for good. */
  error: { code: string; message: string };
}
export type EmbedEventName = keyof EmbedEvents;

/** Every event name, for documentation and tests (the type above is the source). */
export const EMBED_EVENTS = [
  'ready',
  'slot-selected',
  'booked',
  'error',
] as const satisfies readonly EmbedEventName[];

/** Marks our messages among whatever else a page receives. */
export const MESSAGE_TAG = 'workestra-embed';

/**
 * What the framed page posts to `window.parent`, targeted at the origin it was given: the events
 * above, plus two the loader keeps to itself: `resize` (the page's height, so the frame grows and
 * shrinks instead of scrolling) and `close` (the visitor pressed Escape inside the page, whose key
 * presses the embedding page never sees: a popup closes).
 */
export type EmbedMessage =
  | {
      [K in EmbedEventName]: { tag: typeof MESSAGE_TAG; type: K; detail: EmbedEvents[K] };
    }[EmbedEventName]
  | { tag: typeof MESSAGE_TAG; type: 'resize'; detail: { height: number } }
  | { tag: typeof MESSAGE_TAG; type: 'close'; detail: null };

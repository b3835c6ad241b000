// The booking page inside a customer's page (`?embed=1&origin=…`, see the embed protocol): its
// options, read once, and the messages it posts to the embedding page. Outside embed mode every
// function here does nothing.
import { readableTextOn } from '../common/contrast';
import {
  MESSAGE_TAG,
  readEmbedQuery,
  type EmbedEvents,
  type EmbedMessage,
} from '../embed/protocol';

/** The page's embed options from its query; null when it is not embedded. */
export const embedOptions = readEmbedQuery(location.search);

/** Each message type the page may post, with its `detail`. */
type Details = { [M in EmbedMessage as M['type']]: M['detail'] };

/**
 * Posts a message to the embedding page, at the origin the loader gave and no other (the browser
 * drops it if the parent is elsewhere). Nothing happens outside embed mode or when not framed.
 *
 * @example
 * ```ts
 * notifyParent('slot-selected', { start: slot.start, end: slot.end });
 * ```
 */
export function notifyParent<K extends keyof Details>(type: K, detail: Details[K]): void {
  if (!embedOptions || window.parent === window) return;
  try {
    window.parent.postMessage({ tag: MESSAGE_TAG, type, detail }, embedOptions.origin);
  } catch {
    // An `origin` that is not a valid target origin: there is no one to tell.
  }
}

/**
 * The `error` event's detail for a failure of the API calls: the contract's code (`NETWORK` when
 * the server could not be reached) and the message the page shows.
 */
export function embedError(e: unknown): EmbedEvents['error'] {
  const { code, message } = e as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : 'UNKNOWN',
    message: typeof message === 'string' ? message : String(e),
  };
}

/**
 * Sets the page up for a frame, before it renders: `data-embed` on the root (tight, transparent
 * chrome in the styles), a forced theme, the brand colour, and, when framed, the page's height
 * reported on every change (the frame grows instead of scrolling) and Escape passed on (the
 * embedding page never sees key presses inside the frame, and a popup closes on Escape).
 */
export function startEmbedMode(): void {
  if (!embedOptions) return;
  const root = document.documentElement;
  root.dataset.embed = '';
  if (embedOptions.theme && embedOptions.theme !== 'auto') root.dataset.theme = embedOptions.theme;
  const { color } = embedOptions;
  if (color) {
    root.style.setProperty('--accent', color);
    root.style.setProperty('--accent-text', readableTextOn(color));
    // A 20% tint over the page's surface: light or dark, it reads like the default soft accent.
    root.style.setProperty('--accent-soft', `${color}33`);
  }
  if (window.parent === window) return;
  let last = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    notifyParent('resize', { height });
  }).observe(root);
  document.addEventListener('keydown', (e) => {
    // Parts of the page that use Escape themselves (the time zone list) prevent the default.
    if (e.key === 'Escape' && !e.defaultPrevented) notifyParent('close', null);
  });
}

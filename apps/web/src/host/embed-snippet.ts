// The snippet a host pastes into their site: one element carrying the embed settings as
// attributes (the protocol's names) and the loader script. The settings live only here: the
// server stores the allowed sites, not the look.
import type { AttendeeLocale } from '@workestra/booking-core/locales';
import { EMBED_ATTRIBUTES, type EmbedMode, type EmbedTheme } from '../embed/protocol';

/** What the host picks on the embed settings page. */
export interface EmbedSettings {
  mode: EmbedMode;
  /** The popup or floating button's text; empty for the loader's default. */
  label: string;
  /** `#rrggbb`, or null for the booking page's own colours. */
  color: string | null;
  theme: EmbedTheme;
  hideDetails: boolean;
  /** The embedded page's language; null: each visitor's browser language. */
  lang: AttendeeLocale | null;
}

/** The settings a fresh page starts with: the booking page in place, its own colours. */
export const DEFAULT_EMBED_SETTINGS: EmbedSettings = Object.freeze({
  mode: 'inline',
  label: '',
  color: null,
  theme: 'auto',
  hideDetails: false,
  lang: null,
});

/** Whether a mode shows a button (and so uses a label). */
export function modeHasButton(mode: EmbedMode): boolean {
  return mode !== 'inline';
}

/**
 * The loader's URL: `/embed.js` at the root of the server that serves the link.
 *
 * @example
 * ```ts
 * loaderUrl('https://book.example.com/book/intro'); // 'https://book.example.com/embed.js'
 * ```
 */
export function loaderUrl(linkUrl: string): string {
  return new URL('/embed.js', linkUrl).href;
}

/** Escapes a value for a double-quoted HTML attribute, so no label can end the tag. */
function attr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The HTML to paste: one `<div>` with the embed attributes and one async `<script>` loading
 * `scriptUrl`. Attributes at their default (no colour, `auto` theme, details shown, the visitor's
 * language, no label,
 * a label in inline mode) are left out; the mode is always written so the snippet reads plainly.
 *
 * @example
 * ```ts
 * embedSnippet('https://book.example.com/book/intro', 'https://book.example.com/embed.js', {
 *   ...DEFAULT_EMBED_SETTINGS,
 *   mode: 'popup',
 *   label: 'Book a demo',
 * });
 * // <div data-workestra="https://book.example.com/book/intro" data-mode="popup" data-label="Book a demo"></div>
 * // <script src="https://book.example.com/embed.js" async></script>
 * ```
 */
export function embedSnippet(linkUrl: string, scriptUrl: string, settings: EmbedSettings): string {
  const attributes: [string, string | null][] = [
    [EMBED_ATTRIBUTES.link, linkUrl],
    [EMBED_ATTRIBUTES.mode, settings.mode],
  ];
  if (settings.color) attributes.push([EMBED_ATTRIBUTES.color, settings.color]);
  if (settings.theme !== 'auto') attributes.push([EMBED_ATTRIBUTES.theme, settings.theme]);
  if (settings.hideDetails) attributes.push([EMBED_ATTRIBUTES.hideDetails, null]);
  if (settings.lang) attributes.push([EMBED_ATTRIBUTES.lang, settings.lang]);
  const label = settings.label.trim();
  if (modeHasButton(settings.mode) && label) attributes.push([EMBED_ATTRIBUTES.label, label]);
  const written = attributes
    .map(([name, value]) => (value === null ? name : `${name}="${attr(value)}"`))
    .join(' ');
  return `<div ${written}></div>\n<script src="${attr(scriptUrl)}" async></script>`;
}

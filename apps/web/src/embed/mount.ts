// One embed on a customer's page: the framed booking page in place (inline), or a button that
// opens it in a modal dialog (popup, floating). Styles go through the CSSOM (`el.style.x`), which a
// page's Content-Security-Policy cannot forbid, unlike style attributes or <style> elements.
import { readableTextOn } from '../common/contrast';
import {
  EMBED_ATTRIBUTES as ATTR,
  EMBED_DEFAULT_COLOR,
  EMBED_DEFAULT_LABEL,
  EMBED_EVENT_PREFIX,
  EMBED_EVENTS,
  EMBED_MODES,
  EMBED_THEMES,
  MESSAGE_TAG,
  embedFrameUrl,
  isEmbedColor,
  type EmbedEventName,
  type EmbedMessage,
  type EmbedMode,
  type EmbedTheme,
} from './protocol';

// A global symbol, so a page that includes the loader twice still mounts each element once.
const MOUNTED = Symbol.for('workestra.embed');
type Marked = HTMLElement & { [MOUNTED]?: () => void };

/** The frame's height until the page reports its own. */
const INITIAL_HEIGHT = '600px';

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly (string | null)[]).includes(value) ? (value as T) : fallback;
}

/**
 * Mounts the embed an element's `data-*` attributes describe (see `EMBED_ATTRIBUTES`). Returns an
 * unmount that removes everything the mount added, listeners included; mounting a mounted element
 * again adds nothing and returns the same unmount.
 *
 * @example
 * ```ts
 * const unmount = mountEmbed(document.querySelector('[data-workestra]')!);
 * element.addEventListener('workestra:booked', (e) => track((e as CustomEvent).detail.bookingId));
 * ```
 */
export function mountEmbed(element: HTMLElement): () => void {
  const host = element as Marked;
  const existing = host[MOUNTED];
  if (existing) return existing;

  const attr = (name: string) => element.getAttribute(name) || undefined;
  let linkUrl: URL;
  try {
    linkUrl = new URL(element.getAttribute(ATTR.link) ?? '', location.href);
  } catch {
    // Not a URL: nothing to show, and nothing to undo.
    return () => {};
  }
  const mode: EmbedMode = pick(element.getAttribute(ATTR.mode), EMBED_MODES, 'inline');
  const theme: EmbedTheme = pick(element.getAttribute(ATTR.theme), EMBED_THEMES, 'auto');
  const src = embedFrameUrl(linkUrl.href, {
    origin: location.origin,
    color: attr(ATTR.color),
    theme,
    hideDetails: element.hasAttribute(ATTR.hideDetails),
    name: attr(ATTR.name),
    email: attr(ATTR.email),
    date: attr(ATTR.date),
    lang: attr(ATTR.lang),
  });

  const frame = document.createElement('iframe');
  frame.title = 'Booking page';
  // No inner scrollbar: the page reports its height and the frame takes it.
  Object.assign(frame.style, {
    display: 'block',
    width: '100%',
    border: '0',
    height: INITIAL_HEIGHT,
  });
  const load = () => {
    if (!frame.getAttribute('src')) frame.src = src;
  };

  const added: Element[] = [];
  const cleanups: (() => void)[] = [];
  let dialog: HTMLDialogElement | undefined;

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== linkUrl.origin || event.source !== frame.contentWindow) return;
    const data = event.data as EmbedMessage | null;
    if (typeof data !== 'object' || data === null || data.tag !== MESSAGE_TAG) return;
    if (data.type === 'resize') {
      const height = Number(data.detail?.height);
      if (Number.isFinite(height) && height >= 0) frame.style.height = `${Math.ceil(height)}px`;
    } else if (data.type === 'close') {
      dialog?.close();
    } else if ((EMBED_EVENTS as readonly string[]).includes(data.type)) {
      const type: EmbedEventName = data.type;
      element.dispatchEvent(
        new CustomEvent(`${EMBED_EVENT_PREFIX}${type}`, { detail: data.detail, bubbles: true }),
      );
    }
  };
  window.addEventListener('message', onMessage);
  cleanups.push(() => window.removeEventListener('message', onMessage));

  if (mode === 'inline') {
    element.append(frame);
    added.push(frame);
    if (typeof IntersectionObserver === 'function') {
      // Load a little before the embed scrolls into view, so it is ready when the visitor is.
      const observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          load();
          observer.disconnect();
        },
        { rootMargin: '400px' },
      );
      observer.observe(element);
      cleanups.push(() => observer.disconnect());
    } else {
      load();
    }
  } else {
    const label = attr(ATTR.label) ?? EMBED_DEFAULT_LABEL;
    const color = attr(ATTR.color);
    const brand = isEmbedColor(color) ? color : EMBED_DEFAULT_COLOR;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.setAttribute('aria-haspopup', 'dialog');
    Object.assign(button.style, {
      font: 'inherit',
      fontWeight: '600',
      background: brand,
      color: readableTextOn(brand),
      border: '0',
      borderRadius: '8px',
      padding: '0.7em 1.2em',
      cursor: 'pointer',
    });
    if (mode === 'floating')
      Object.assign(button.style, {
        position: 'fixed',
        right: '20px',
        bottom: '20px',
        zIndex: '2147483000',
        boxShadow: '0 4px 14px rgba(0,0,0,.25)',
      });
    element.append(button);
    added.push(button);

    const open = () => {
      if (!dialog) dialog = buildDialog(label, theme, frame, button);
      if (!dialog.isConnected) {
        element.append(dialog);
        added.push(dialog);
      }
      load();
      dialog.showModal();
    };
    button.addEventListener('click', open);
    cleanups.push(() => button.removeEventListener('click', open));
  }

  const unmount = () => {
    if (host[MOUNTED] !== unmount) return;
    dialog?.close();
    for (const cleanup of cleanups) cleanup();
    for (const el of added) el.remove();
    delete host[MOUNTED];
  };
  host[MOUNTED] = unmount;
  return unmount;
}

/**
 * The modal dialog of a popup or floating embed: a close button over the frame. It scrolls when
 * the page is taller than the viewport; closing it (button, Escape) gives focus back to `opener`.
 */
function buildDialog(
  label: string,
  theme: EmbedTheme,
  frame: HTMLIFrameElement,
  opener: HTMLButtonElement,
): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.setAttribute('aria-label', label);
  Object.assign(dialog.style, {
    // The same scheme as the framed page, so its transparent background sits on a matching canvas.
    colorScheme: theme === 'auto' ? 'light dark' : theme,
    background: 'Canvas',
    color: 'CanvasText',
    padding: '0',
    border: '0',
    borderRadius: '8px',
    width: 'min(960px, calc(100vw - 32px))',
    maxWidth: 'none',
    maxHeight: 'calc(100vh - 32px)',
    overflow: 'auto',
  });
  const bar = document.createElement('div');
  Object.assign(bar.style, {
    position: 'sticky',
    top: '0',
    display: 'flex',
    justifyContent: 'flex-end',
    background: 'Canvas',
  });
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close');
  Object.assign(close.style, {
    font: 'inherit',
    fontSize: '28px',
    lineHeight: '1',
    width: '44px',
    height: '44px',
    background: 'transparent',
    color: 'inherit',
    border: '0',
    cursor: 'pointer',
  });
  close.addEventListener('click', () => dialog.close());
  // Escape (the browser's `cancel`) and the close button both end here.
  dialog.addEventListener('close', () => opener.focus());
  bar.append(close);
  dialog.append(bar, frame);
  return dialog;
}

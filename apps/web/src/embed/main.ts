// The loader (`/embed.js`, built on its own as one small script): mounts every snippet element on
// the page once the DOM is ready. `WorkestraEmbed.mount(element)` mounts one added later (a page
// that renders its content itself); mounting the same element twice does nothing.
import { mountEmbed } from './mount';
import { EMBED_ATTRIBUTES } from './protocol';

function mountAll(): void {
  for (const element of document.querySelectorAll<HTMLElement>(`[${EMBED_ATTRIBUTES.link}]`))
    mountEmbed(element);
}

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', mountAll, { once: true });
else mountAll();

/** `window.WorkestraEmbed.mount`: the IIFE build exposes this module's exports under that name. */
export const mount = mountEmbed;
